package dev.quiver.runtime.exec.internal;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.TrainingData;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The executor's {@link TrainingData}: a (transformed) source plus what the run learned about it. Immutable
 * and thread-safe; each {@link #open} is an independent pass.
 */
public record PipelineData(
        Source source,
        Schema schema,
        List<String> features,
        Optional<Field> target,
        Task task,
        List<String> classes,
        Optional<TrainingData> validation)
        implements TrainingData {

    public PipelineData {
        features = List.copyOf(features);
        classes = List.copyOf(classes);
    }

    @Override
    public OptionalLong rows() {
        return source.rowCount();
    }

    @Override
    public String describe() {
        return source.describe();
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        return source.open(allocator);
    }
}
