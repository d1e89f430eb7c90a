package dev.quiver.plugins.tribuo.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.plugins.tribuo.OutputKind;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/** Regression: a one-dimensional Tribuo {@link Regressor} named after the target column. */
final class RegressorAdapter extends OutputAdapter<Regressor> {

    private static final RegressionFactory FACTORY = new RegressionFactory();

    private final String targetName;

    RegressorAdapter(String targetName) {
        this.targetName = targetName;
    }

    @Override
    public OutputKind kind() {
        return OutputKind.REGRESSION;
    }

    @Override
    public OutputFactory<Regressor> factory() {
        return FACTORY;
    }

    @Override
    public Regressor target(FieldVector target, int row, long passRow) {
        double value = ArrowColumns.getDouble(target, row);
        if (!Double.isFinite(value)) {
            throw QuiverException.data(
                    "training data",
                    passRow,
                    target.getName(),
                    "the target is " + (Double.isNaN(value) ? "empty" : "infinite")
                            + " in this row; drop or impute such rows");
        }
        return new Regressor(targetName, value);
    }

    @Override
    public List<Field> predictionFields(boolean probabilities) {
        return List.of(PredictionColumns.float64(PredictionColumns.PREDICTION));
    }

    @Override
    public void write(List<Prediction<Regressor>> predictions, VectorSchemaRoot out) {
        Float8Vector prediction = (Float8Vector) out.getVector(PredictionColumns.PREDICTION);
        for (int row = 0; row < predictions.size(); row++) {
            prediction.setSafe(row, predictions.get(row).getOutput().getValues()[0]);
        }
    }
}
