package dev.quiver.runtime.plan.internal;

import dev.quiver.api.Location;
import dev.quiver.api.Task;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Problems;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Checks, before any data is read, that no input column has the name of a column the model appends
 * ({@code prediction}, and for classifiers {@code probability_<class>}): prediction returns the input columns and
 * the model's, so such a column would only fail once the model is trained. One instance per load, one thread.
 */
final class OutputColumnCheck {

    private final Problems problems;

    OutputColumnCheck(Problems problems) {
        this.problems = problems;
    }

    void check(Planner.Plan plan, Task task, String modelType, Location modelAt, ConfigNode.Mapping root) {
        String outputs = task.isClassification()
                ? PredictionColumns.PREDICTION + " and " + PredictionColumns.probability("<class>") + " for each class"
                : PredictionColumns.PREDICTION;
        for (Field field : plan.schema().getFields()) {
            String name = field.getName();
            boolean collides = name.equals(PredictionColumns.PREDICTION)
                    || (task.isClassification() && name.startsWith(PredictionColumns.PROBABILITY_PREFIX));
            if (collides) {
                problems.add(
                        where(name, root, modelAt),
                        "the input column '" + name + "' has the name of an"
                                + " output column of model '" + modelType + "', which appends " + outputs
                                + " to the input"
                                + " columns; rename the column in the source");
            }
        }
    }

    /** The column's entry in {@code columns.features} when it is listed there, else the source. */
    private static Location where(String column, ConfigNode.Mapping root, Location modelAt) {
        if (root.get("columns").orElse(null) instanceof ConfigNode.Mapping columns
                && columns.get("features").orElse(null) instanceof ConfigNode.Sequence features) {
            for (ConfigNode item : features.items()) {
                if (item instanceof ConfigNode.Scalar scalar && column.equals(scalar.value())) {
                    return item.location();
                }
            }
        }
        return root.get("source").map(ConfigNode::location).orElse(modelAt);
    }
}
