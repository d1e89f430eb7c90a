package dev.quiver.engine.models;

import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.engine.nn.Activation;
import dev.quiver.engine.nn.Dense;
import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A fitted multi-layer perceptron: float32 layers, evaluated in inference mode (no dropout, no graph).
 *
 * <p>Immutable: it owns a private copy of the trained parameters and never writes them; {@link #predict}
 * allocates its buffers per call, so any number of threads may share one instance.
 */
public final class MlpModel extends HeadModel {

    private final Network network;

    /** Takes ownership of {@code network}, which nobody else may change. */
    public MlpModel(List<String> features, Network network, Head head) {
        super(MlpFactory.NAME, features, head);
        this.network = network;
    }

    @Override
    double[] rawOutputs(VectorSchemaRoot input, int rows) {
        List<String> features = features();
        float[] x = new float[rows * features.size()];
        ArrowColumns.toRowMajorFloats(input, features, x, 0);
        Tensor out = network.forward(Tensor.of(x, rows, features.size()), false, null);
        double[] raw = new double[rows * network.outputs()];
        float[] o = out.data();
        for (int i = 0; i < raw.length; i++) {
            raw[i] = o[i];
        }
        return raw;
    }

    @Override
    void saveParameters(StateWriter state) {
        List<Dense> layers = network.layers();
        long[] sizes = new long[layers.size() + 1];
        sizes[0] = layers.get(0).inputs();
        for (int l = 0; l < layers.size(); l++) {
            sizes[l + 1] = layers.get(l).outputs();
            state.putFloats(
                    layers.get(l).weight().name(), layers.get(l).weight().value());
            state.putFloats(layers.get(l).bias().name(), layers.get(l).bias().value());
        }
        state.putLongs("sizes", sizes);
        state.putString("activation", network.activation().label());
        state.putDouble("dropout", network.dropout());
    }

    public static MlpModel load(StateReader state) {
        long[] sizes = state.getLongs("sizes");
        List<String> features = state.getStrings("features");
        Head head = Head.load(state.child("head"));
        if (sizes.length < 2 || sizes[0] != features.size() || sizes[sizes.length - 1] != head.width()) {
            throw state.damaged(
                    "sizes",
                    "are " + java.util.Arrays.toString(sizes) + " for " + features.size() + " features and "
                            + head.width() + " outputs");
        }
        for (long size : sizes) {
            if (size < 1 || size > Integer.MAX_VALUE) {
                throw state.damaged(
                        "sizes",
                        "are " + java.util.Arrays.toString(sizes) + "; every layer needs a size " + "of at least 1");
            }
        }
        List<Dense> layers = new ArrayList<>();
        for (int l = 0; l + 1 < sizes.length; l++) {
            String name = "layer" + l;
            long weights = sizes[l] * sizes[l + 1];
            if (weights > Integer.MAX_VALUE) {
                throw state.damaged("sizes", "make layer " + l + " too large: " + weights + " weights");
            }
            layers.add(new Dense(
                    name,
                    (int) sizes[l],
                    (int) sizes[l + 1],
                    state.getFloats(name + ".weight", (int) weights),
                    state.getFloats(name + ".bias", (int) sizes[l + 1])));
        }
        Network network =
                new Network(layers, Activation.of(state.getString("activation")), (float) state.getDouble("dropout"));
        return new MlpModel(features, network, head);
    }

    @Override
    void describeParameters(Map<String, Object> params) {
        for (Dense d : network.layers()) {
            params.put(d.weight().name(), d.weightByOutput());
            params.put(d.bias().name(), d.biasValues());
        }
        params.put("activation", network.activation().label());
    }

    /**
     * The float32 layers as {@link Network#forward} runs them in inference mode (dropout off): {@code x W + b}
     * per layer (a {@link Dense} stores {@code W} as {@code [inputs][outputs]}), the activation between layers,
     * cast back to float64 at the end.
     */
    @Override
    String rawOutputsOnnx(OnnxGraph graph, String features) {
        String h = graph.node("Cast", List.of(features), Map.of("to", 1L));
        List<Dense> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            String w = graph.constant(d.weight().name(), d.weight().value(), d.inputs(), d.outputs());
            String b = graph.constant(d.bias().name(), d.bias().value(), d.outputs());
            h = graph.node("Add", List.of(graph.node("MatMul", List.of(h, w), Map.of()), b), Map.of());
            if (l + 1 < layers.size()) {
                h = activationOnnx(graph, h);
            }
        }
        return graph.node("Cast", List.of(h), Map.of("to", 11L));
    }

    private String activationOnnx(OnnxGraph graph, String x) {
        return switch (network.activation()) {
            case RELU -> graph.node("Relu", List.of(x), Map.of());
            case TANH -> graph.node("Tanh", List.of(x), Map.of());
            case SIGMOID -> graph.node("Sigmoid", List.of(x), Map.of());
            // The exact form: 0.5 x (1 + erf(x / sqrt 2)).
            case GELU -> {
                String scaled = graph.node(
                        "Mul",
                        List.of(x, graph.constant("gelu.rsqrt2", new float[] {(float) (1 / Math.sqrt(2))})),
                        Map.of());
                String onePlus = graph.node(
                        "Add",
                        List.of(graph.node("Erf", List.of(scaled), Map.of()), graph.constant("gelu.one", new float[] {1f
                        })),
                        Map.of());
                String half = graph.node("Mul", List.of(x, graph.constant("gelu.half", new float[] {0.5f})), Map.of());
                yield graph.node("Mul", List.of(half, onePlus), Map.of());
            }
        };
    }
}
