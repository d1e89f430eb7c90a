package dev.quiver.engine.models;

import dev.quiver.api.Task;
import dev.quiver.api.export.OnnxExportable;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.model.Model;
import dev.quiver.api.state.StateWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * What the engine's fitted models share: a list of feature columns in, raw outputs read through a {@link Head}
 * out. The head decides the task, the classes and the prediction columns; a subclass only computes the raw
 * outputs and writes and describes its own parameters, between the features and the head.
 *
 * <p>Immutable: subclasses must be too (final fields, parameters never written after construction, scratch
 * arrays per call), so that any number of threads may share one instance.
 */
abstract class HeadModel implements Model, OnnxExportable {

    private final String type;
    private final List<String> features;
    private final Head head;

    HeadModel(String type, List<String> features, Head head) {
        this.type = type;
        this.features = List.copyOf(features);
        this.head = head;
    }

    /** The raw outputs (logits or values) of {@code rows} rows, row-major {@code [rows][head.width()]}. */
    abstract double[] rawOutputs(VectorSchemaRoot input, int rows);

    /** Writes the parameters into {@code state}, which already holds {@code features}. */
    abstract void saveParameters(StateWriter state);

    /** Adds the parameters, JSON-friendly, to {@link #describe}'s map, before the features and classes. */
    abstract void describeParameters(Map<String, Object> params);

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Task task() {
        return head.task();
    }

    @Override
    public final List<String> features() {
        return features;
    }

    @Override
    public final List<String> classes() {
        return head.classes();
    }

    @Override
    public final List<Field> predictionFields() {
        return head.fields();
    }

    @Override
    public final VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator) {
        int rows = input.getRowCount();
        return head.write(rawOutputs(input, rows), rows, allocator);
    }

    /** {@code features}, then the subclass's parameters, then the head in its child {@code head}. */
    @Override
    public final void save(StateWriter state) {
        state.putStrings("features", features);
        saveParameters(state);
        head.save(state.child("head"));
    }

    @Override
    public final Map<String, Object> describe() {
        Map<String, Object> params = new LinkedHashMap<>();
        describeParameters(params);
        params.put("features", features);
        if (!head.classes().isEmpty()) {
            params.put("classes", head.classes());
        }
        return params;
    }

    /** The raw outputs' ONNX tensor ({@code [N, head.width()]}, float64) from the features' {@code [N, F]}. */
    abstract String rawOutputsOnnx(OnnxGraph graph, String features);

    /** The features side by side, the subclass's raw outputs, then the head's prediction columns. */
    @Override
    public final void exportOnnx(OnnxGraph graph) {
        head.exportOnnx(graph, rawOutputsOnnx(graph, graph.features(features)));
    }
}
