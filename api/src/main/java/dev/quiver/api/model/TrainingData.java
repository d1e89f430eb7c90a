package dev.quiver.api.model;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows a model learns from, after the pipeline's transforms: numeric feature columns and, except for
 * clustering, one target column. Re-openable: each {@link #open} is one pass (an epoch). Thread-safe.
 */
public interface TrainingData {

    /** The schema of the batches {@link #open} yields; it contains at least the features and the target. */
    Schema schema();

    /** The feature columns, in the order a model must use (and predict with). */
    List<String> features();

    /** The target column, absent for clustering. */
    Optional<Field> target();

    Task task();

    /**
     * For classification, the class labels in the order models index them: the sorted distinct target values
     * (numbers in numeric order). Empty otherwise.
     */
    List<String> classes();

    /** The number of rows, when known without reading. */
    OptionalLong rows();

    /** A pass over the rows, in storage order; the caller owns the reader. */
    BatchReader open(BufferAllocator allocator);

    /** Held-out rows for validation loss, early stopping and schedules that watch a metric. */
    Optional<TrainingData> validation();

    /**
     * Where the rows come from, for data errors a model raises about a row (with {@link BatchReader#line} for
     * its line): the source's file in the runtime; {@code "training data"} by default.
     */
    default String describe() {
        return "training data";
    }
}
