package dev.quiver.plugins.io.synthetic;

/**
 * The hidden linear model a synthetic table is drawn from: one weight vector and bias per output (one output
 * for regression and binary classification, one per class for multiclass), standard normal, derived from the
 * seed alone. Immutable after construction; thread-safe.
 */
final class GroundTruth {

    private static final long WEIGHTS = 1;

    private final double[][] weights;
    private final double[] bias;

    private GroundTruth(double[][] weights, double[] bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** Classification uses no bias, so that the classes come out roughly balanced. */
    static GroundTruth from(long seed, int features, int outputs, boolean withBias) {
        long stream = CounterRandom.stream(seed, WEIGHTS);
        double[][] weights = new double[outputs][features];
        double[] bias = new double[outputs];
        long n = 0;
        for (int k = 0; k < outputs; k++) {
            for (int j = 0; j < features; j++) {
                weights[k][j] = CounterRandom.gaussian(stream, n++);
            }
            bias[k] = withBias ? CounterRandom.gaussian(stream, n++) : 0;
        }
        return new GroundTruth(weights, bias);
    }

    int outputs() {
        return weights.length;
    }

    double weight(int k, int j) {
        return weights[k][j];
    }

    double bias(int k) {
        return bias[k];
    }
}
