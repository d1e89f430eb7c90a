package dev.quiver.runtime.pipeline;

import dev.quiver.api.data.Source;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.Transform;
import java.util.List;
import java.util.Optional;

/**
 * The data side of a {@link Pipeline}: where the rows come from, which columns are used, how the rows are divided
 * and which transforms run on them. Immutable and thread-safe: its lists are copied, and its components are
 * thread-safe by the SPI's contract.
 *
 * @param source where the rows come from
 * @param columns the feature and target columns as written (before transforms)
 * @param split how rows are divided
 * @param transforms the transforms, in order
 * @param plannedFeatures the feature columns the model will see, after the transforms' plan step
 * @param labels {@code columns.labels}: in a clustering run, the column of true groups its metrics compare the
 *     clusters with; no model reads it
 */
public record DataPlan(
        Named<Source> source,
        Columns columns,
        SplitSpec split,
        List<Named<Transform>> transforms,
        List<String> plannedFeatures,
        Optional<String> labels) {

    public DataPlan {
        transforms = List.copyOf(transforms);
        plannedFeatures = List.copyOf(plannedFeatures);
    }

    /** Data without true groups, its features planned. */
    public DataPlan(
            Named<Source> source,
            Columns columns,
            SplitSpec split,
            List<Named<Transform>> transforms,
            List<String> plannedFeatures) {
        this(source, columns, split, transforms, plannedFeatures, Optional.empty());
    }

    /** Data built in code: the model sees {@code columns.features()} (no transform renames a column). */
    public DataPlan(Named<Source> source, Columns columns, SplitSpec split, List<Named<Transform>> transforms) {
        this(source, columns, split, transforms, columns.features());
    }

    /** This data with {@code value} as its source. */
    public DataPlan withSource(Named<Source> value) {
        return new DataPlan(value, columns, split, transforms, plannedFeatures, labels);
    }
}
