package dev.quiver.plugins.tribuo.internal;

import dev.quiver.api.model.ClassLabels;
import dev.quiver.plugins.tribuo.OutputKind;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;

/**
 * Everything that differs between Tribuo's {@code Label}, {@code Regressor} and {@code ClusterID}: reading a
 * target cell as an output, and writing predictions back as Arrow columns. Immutable and thread-safe.
 *
 * @param <T> the Tribuo output type
 */
public abstract sealed class OutputAdapter<T extends Output<T>> permits LabelAdapter, RegressorAdapter, ClusterAdapter {

    /** The adapter for {@code kind}; {@code classes} and {@code target} as the training data has them. */
    public static OutputAdapter<?> of(OutputKind kind, Optional<Field> target, List<String> classes) {
        return switch (kind) {
            case CLASSIFICATION ->
                new LabelAdapter(new ClassLabels(classes, target.orElseThrow().getType()));
            case REGRESSION -> new RegressorAdapter(target.orElseThrow().getName());
            case CLUSTERING -> new ClusterAdapter();
        };
    }

    public abstract OutputKind kind();

    public abstract OutputFactory<T> factory();

    /** The output for an example to predict, whose target is unknown. */
    public T unknown() {
        return factory().getUnknownOutput();
    }

    /**
     * The output of a training row.
     *
     * @param row the row within the batch
     * @param passRow the 1-based row within the whole pass, for messages
     * @throws dev.quiver.api.QuiverException (DATA) for an empty or unknown target
     */
    public abstract T target(FieldVector target, int row, long passRow);

    /** The prediction columns, with {@code probability_<class>} ones when {@code probabilities}. */
    public abstract List<Field> predictionFields(boolean probabilities);

    /** Fills the allocated vectors of {@code out} (laid out as {@link #predictionFields}) row by row. */
    public abstract void write(List<Prediction<T>> predictions, VectorSchemaRoot out);

    /** Classes in index order, for classifiers; empty otherwise. */
    public List<String> classes() {
        return List.of();
    }
}
