package dev.quiver.serve.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.runtime.bundle.FittedPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The three steps of a prediction, shared by both predictors: decode the body into feature batches, predict,
 * encode the predictions. Stateless; any thread. Every root made here is closed here or handed to the caller.
 */
public final class PredictSteps {

    private PredictSteps() {}

    /** Decodes, predicts and encodes {@code request} by itself; the caller still closes the request. */
    public static Answer alone(PredictRequest request) {
        List<VectorSchemaRoot> inputs = decode(request);
        try {
            return predict(request, inputs);
        } finally {
            inputs.forEach(VectorSchemaRoot::close);
        }
    }

    /** Predicts already decoded {@code inputs} of {@code request} and encodes the answer; the caller closes them. */
    public static Answer predict(PredictRequest request, List<VectorSchemaRoot> inputs) {
        List<VectorSchemaRoot> outputs = new ArrayList<>();
        try {
            for (VectorSchemaRoot input : inputs) {
                outputs.add(request.model().predict(input, request.allocator()));
            }
            return encode(request.name(), outputs, request.arrowOut(), request.allocator());
        } finally {
            outputs.forEach(VectorSchemaRoot::close);
        }
    }

    /** The request body as batches of the request's allocator, which the caller closes. */
    public static List<VectorSchemaRoot> decode(PredictRequest request) {
        if (request.arrowIn()) {
            return ArrowBodies.read(request.body(), request.allocator());
        }
        return List.of(json(request.body(), request.model(), request.allocator()));
    }

    /** Predictions as the answer's bytes, JSON or an Arrow stream; {@code allocator} is used while writing Arrow. */
    public static Answer encode(
            String name, List<VectorSchemaRoot> outputs, boolean arrowOut, BufferAllocator allocator) {
        long rows = outputs.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
        try {
            if (arrowOut) {
                return new Answer(ArrowBodies.MEDIA_TYPE, ArrowBodies.write(outputs, allocator), rows);
            }
            return new Answer(
                    "application/json", Responses.JSON.writeValueAsBytes(PredictionsJson.write(name, outputs)), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static VectorSchemaRoot json(byte[] body, FittedPipeline model, BufferAllocator allocator) {
        JsonNode tree;
        try {
            tree = Responses.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(
                    400,
                    "The body is not valid JSON: line " + e.getLocation().getLineNr() + " column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(400, "The body is not valid JSON: " + e.getMessage());
        }
        return JsonBatch.read(tree, JsonBatch.featureFields(model.inputSchema(), model.features()), allocator);
    }
}
