package dev.quiver.api.model;

import dev.quiver.api.Task;
import dev.quiver.api.state.StateWriter;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A fitted model: immutable, and {@link #predict} is safe to call from many threads at once (a service shares
 * one instance across request threads).
 */
public interface Model {

    /** The factory name that {@link ModelFactory#load} is found under. */
    String type();

    Task task();

    /** The input columns, in order. */
    List<String> features();

    /** Class labels in index order for classifiers; empty otherwise. */
    List<String> classes();

    /**
     * The columns {@link #predict} returns: {@link PredictionColumns#PREDICTION} (the value, or the label in the
     * target's type for classifiers) and, for classifiers, one {@code probability_<class>} per class.
     */
    List<Field> predictionFields();

    /**
     * Predicts every row of {@code input}, which must contain the {@link #features()} columns (other columns
     * are ignored). Returns a new root of {@link #predictionFields()} allocated from {@code allocator} and owned
     * by the caller; {@code input} is only read.
     */
    VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator);

    /**
     * Whether the model, like its trainer, reads a missing (null or NaN) feature as "absent" (Tribuo's sparse
     * examples do). When false, the runtime refuses such rows at predict, as training does, instead of passing
     * NaN to {@link #predict}; infinite values are refused either way.
     */
    default boolean acceptsMissingValues() {
        return false;
    }

    /** Writes what {@link ModelFactory#load} needs to rebuild this model exactly. */
    void save(StateWriter state);

    /**
     * The learned parameters by name for {@code quiver inspect}, as JSON-friendly values (maps, lists, strings,
     * numbers, {@code double[]} and {@code double[][]}). Linear models use {@code weight} as
     * {@code [outputs][features]} and {@code bias} as {@code [outputs]}.
     */
    Map<String, Object> describe();
}
