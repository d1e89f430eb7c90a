package dev.quiver.serve.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.model.PredictionColumns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The JSON answer for a predictions root: {@code {"model": name, "predictions": [{"prediction": label or value,
 * "probabilities": {class: p}}]}}. Doubles are written in Java's shortest round-trip form, so a caller parsing
 * them gets the model's float64 bit for bit. Stateless; any thread.
 */
public final class PredictionsJson {

    private PredictionsJson() {}

    public static ObjectNode write(String model, List<VectorSchemaRoot> batches) {
        ObjectNode body = Responses.JSON.createObjectNode();
        body.put("model", model);
        ArrayNode rows = body.putArray("predictions");
        for (VectorSchemaRoot predictions : batches) {
            write(predictions, rows);
        }
        return body;
    }

    private static void write(VectorSchemaRoot predictions, ArrayNode rows) {
        FieldVector prediction = predictions.getVector(PredictionColumns.PREDICTION);
        for (int r = 0; r < predictions.getRowCount(); r++) {
            ObjectNode row = rows.addObject();
            if (prediction.isNull(r)) {
                row.putNull("prediction");
            } else if (prediction instanceof VarCharVector text) {
                row.put("prediction", new String(text.get(r), StandardCharsets.UTF_8));
            } else if (prediction instanceof FloatingPointVector number) {
                row.put("prediction", number.getValueAsDouble(r));
            } else {
                row.putPOJO("prediction", prediction.getObject(r));
            }
            ObjectNode probabilities = null;
            for (FieldVector v : predictions.getFieldVectors()) {
                String name = v.getName();
                if (name.startsWith(PredictionColumns.PROBABILITY_PREFIX) && v instanceof FloatingPointVector p) {
                    if (probabilities == null) {
                        probabilities = row.putObject("probabilities");
                    }
                    String label = name.substring(PredictionColumns.PROBABILITY_PREFIX.length());
                    if (p.isNull(r)) {
                        probabilities.putNull(label);
                    } else {
                        probabilities.put(label, p.getValueAsDouble(r));
                    }
                }
            }
        }
    }
}
