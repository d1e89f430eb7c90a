package dev.quiver.engine.models;

import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A fitted linear model {@code outputs = W x + b} in double precision, read through a {@link Head}: linear
 * regression (identity), logistic regression (sigmoid) and softmax regression (softmax).
 *
 * <p>Immutable; {@link #predict} keeps its scratch arrays per call, so any number of threads may share one
 * instance.
 */
public final class LinearModel extends HeadModel {

    private final double[][] weight;
    private final double[] bias;

    /** Takes ownership of {@code weight} ({@code [outputs][features]}) and {@code bias} ({@code [outputs]}). */
    public LinearModel(String type, List<String> features, double[][] weight, double[] bias, Head head) {
        super(type, features, head);
        if (weight.length != head.width() || bias.length != head.width()) {
            throw new IllegalArgumentException("expected " + head.width() + " outputs, got " + weight.length);
        }
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    double[] rawOutputs(VectorSchemaRoot input, int rows) {
        List<String> features = features();
        int outputs = bias.length;
        double[] raw = new double[rows * outputs];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, raw, r * outputs, outputs);
        }
        double[] column = new double[rows];
        // Column by column: each feature vector is read once, in its own storage order.
        for (int f = 0; f < features.size(); f++) {
            ArrowColumns.copyDoubles(ArrowColumns.vector(input, features.get(f)), column, 0, 1);
            for (int o = 0; o < outputs; o++) {
                double w = weight[o][f];
                for (int r = 0, i = o; r < rows; r++, i += outputs) {
                    raw[i] += w * column[r];
                }
            }
        }
        return raw;
    }

    @Override
    void saveParameters(StateWriter state) {
        int width = features().size();
        double[] flat = new double[weight.length * width];
        for (int o = 0; o < weight.length; o++) {
            System.arraycopy(weight[o], 0, flat, o * width, width);
        }
        state.putDoubles("weight", flat);
        state.putDoubles("bias", bias);
    }

    /** Rebuilds what {@link #save} wrote, for the factory of {@code type}. */
    public static LinearModel load(String type, StateReader state) {
        List<String> features = state.getStrings("features");
        Head head = Head.load(state.child("head"));
        double[] bias = state.getDoubles("bias", head.width());
        double[] flat = state.getDoubles("weight", head.width() * features.size());
        double[][] weight = new double[bias.length][];
        for (int o = 0; o < bias.length; o++) {
            weight[o] = java.util.Arrays.copyOfRange(flat, o * features.size(), (o + 1) * features.size());
        }
        return new LinearModel(type, features, weight, bias, head);
    }

    @Override
    void describeParameters(Map<String, Object> params) {
        double[][] w = new double[weight.length][];
        for (int o = 0; o < w.length; o++) {
            w[o] = weight[o].clone();
        }
        params.put("weight", w);
        params.put("bias", bias.clone());
    }

    /** {@code x W^T + b} in float64, as {@link #rawOutputs} computes it. */
    @Override
    String rawOutputsOnnx(OnnxGraph graph, String features) {
        int width = features().size();
        int outputs = bias.length;
        double[] transposed = new double[width * outputs];
        for (int o = 0; o < outputs; o++) {
            for (int f = 0; f < width; f++) {
                transposed[f * outputs + o] = weight[o][f];
            }
        }
        String product =
                graph.node("MatMul", List.of(features, graph.constant("weight", transposed, width, outputs)), Map.of());
        return graph.node("Add", List.of(product, graph.constant("bias", bias, outputs)), Map.of());
    }
}
