package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.model.Model;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The checks {@link FittedPipeline#predict} makes around its transforms: before them, that the input has every
 * feature and no prediction column; after them, which rows hold a value the model cannot score. Immutable and
 * thread-safe (it holds the pipeline's immutable parts only).
 */
final class ModelInputCheck {

    private final String name;
    private final List<String> features;
    private final Model model;

    /**
     * @param name the pipeline's name, for messages
     * @param features the feature columns as the user named them, before transforms
     * @param model the fitted model
     */
    ModelInputCheck(String name, List<String> features, Model model) {
        this.name = name;
        this.features = features;
        this.model = model;
    }

    /**
     * Fails when {@code schema} lacks a feature or already has a prediction column.
     *
     * @throws QuiverException ({@link ErrorCode#DATA}) naming the column
     */
    void checkColumns(Schema schema) {
        Set<String> present = schema.getFields().stream().map(Field::getName).collect(Collectors.toSet());
        for (String feature : features) {
            if (!present.contains(feature)) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "The input has no column '" + feature
                                + "', which the model '" + name + "' needs. Its columns are "
                                + schema.getFields().stream()
                                        .map(Field::getName)
                                        .toList() + "; the model needs "
                                + features + ".");
            }
        }
        for (Field f : model.predictionFields()) {
            if (present.contains(f.getName())) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "The input already has a column named '" + f.getName()
                                + "', which is where the prediction goes; rename or drop it first.");
            }
        }
    }

    /**
     * Flags every row where a column the model reads is null, NaN or infinite. The column named is the user's:
     * the model's own input when the input has it, else the first feature of the input missing at that row.
     */
    void checkModelInputs(VectorSchemaRoot input, VectorSchemaRoot current, RowProblems problems) {
        for (String column : model.features()) {
            FieldVector v = current.getVector(column);
            if (v == null) {
                continue; // the model reports a column it lacks itself
            }
            boolean numeric = ArrowColumns.isNumeric(v.getField());
            if (numeric && ArrowColumns.allFinite(v)) {
                continue; // the usual batch: one pass over the buffer instead of a check per cell
            }
            for (int r = 0; r < current.getRowCount(); r++) {
                if (problems.has(r)) {
                    continue;
                }
                double value = !v.isNull(r) && numeric ? ArrowColumns.getDouble(v, r) : 0;
                if ((v.isNull(r) || Double.isNaN(value)) && !model.acceptsMissingValues()) {
                    problems.flag(r, userColumn(input, column, r), "is missing (empty or NaN)");
                } else if (Double.isInfinite(value)) {
                    problems.flag(r, userColumn(input, column, r), "is " + (value > 0 ? "" : "-") + "infinite");
                }
            }
        }
    }

    private String userColumn(VectorSchemaRoot input, String modelInput, int row) {
        if (features.contains(modelInput)) {
            return modelInput;
        }
        for (String feature : features) {
            FieldVector v = input.getVector(feature);
            if (v != null
                    && (v.isNull(row)
                            || (ArrowColumns.isNumeric(v.getField())
                                    && !Double.isFinite(ArrowColumns.getDouble(v, row))))) {
                return feature;
            }
        }
        return modelInput;
    }
}
