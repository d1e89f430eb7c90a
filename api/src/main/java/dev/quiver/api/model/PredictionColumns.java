package dev.quiver.api.model;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** Names and types of the columns models append, shared so that every model and metric agrees on them. */
public final class PredictionColumns {

    /** The predicted value, or the predicted label for classifiers. */
    public static final String PREDICTION = "prediction";

    /** Prefix of the per-class probability columns: {@code probability_<class label>}. */
    public static final String PROBABILITY_PREFIX = "probability_";

    private PredictionColumns() {}

    public static String probability(String classLabel) {
        return PROBABILITY_PREFIX + classLabel;
    }

    /** A non-nullable float64 column, the type of regression predictions and probabilities. */
    public static Field float64(String name) {
        return new Field(name, FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null);
    }
}
