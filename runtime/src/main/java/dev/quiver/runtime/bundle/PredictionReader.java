package dev.quiver.runtime.bundle;

import dev.quiver.api.Task;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.model.PredictionColumns;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads predict's output root into {@link Predictions}: the {@code prediction} column as a label (spelled as
 * the class list spells it), a value or a cluster, and the {@code probability_<class>} columns. Copies every
 * value, so the root may be closed afterwards. Stateless.
 */
final class PredictionReader {

    private PredictionReader() {}

    static Predictions read(VectorSchemaRoot output, Task task, List<String> classes) {
        FieldVector prediction = output.getVector(PredictionColumns.PREDICTION);
        List<FieldVector> probabilities = new ArrayList<>();
        for (String c : classes) {
            FieldVector p = output.getVector(PredictionColumns.probability(c));
            if (p != null) {
                probabilities.add(p);
            }
        }
        boolean classify = task == Task.CLASSIFICATION || task == Task.BINARY || task == Task.MULTICLASS;
        List<Prediction> rows = new ArrayList<>(output.getRowCount());
        for (int r = 0; r < output.getRowCount(); r++) {
            if (classify) {
                Map<String, Double> p = new LinkedHashMap<>();
                if (probabilities.size() == classes.size()) {
                    for (int c = 0; c < classes.size(); c++) {
                        p.put(classes.get(c), ArrowColumns.getDouble(probabilities.get(c), r));
                    }
                }
                rows.add(new Prediction(task, label(prediction, r), Collections.unmodifiableMap(p), Double.NaN, -1));
            } else if (task == Task.CLUSTERING) {
                rows.add(
                        new Prediction(task, null, Map.of(), Double.NaN, (long) ArrowColumns.getDouble(prediction, r)));
            } else {
                rows.add(new Prediction(task, null, Map.of(), ArrowColumns.getDouble(prediction, r), -1));
            }
        }
        return new Predictions(task, classes, rows);
    }

    /** A label cell as text: numbers that are whole spelled as integers, as the class list spells them. */
    private static String label(FieldVector v, int row) {
        if (v instanceof VarCharVector text) {
            return new String(text.get(row), StandardCharsets.UTF_8);
        }
        if (v instanceof BitVector bits) {
            return Boolean.toString(bits.get(row) != 0);
        }
        double d = ArrowColumns.getDouble(v, row);
        if (v.getField().getType().getTypeID() != ArrowType.ArrowTypeID.FloatingPoint || d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
