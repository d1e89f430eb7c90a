package dev.quiver.plugins.bayes.internal;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.Map;

/**
 * Gaussian naive Bayes: each feature is normal within a class, with the class's mean {@code theta} and
 * variance {@code var} (already including the smoothing {@code epsilon}, as in scikit-learn's
 * {@code GaussianNB}). Immutable.
 */
final class GaussianLikelihood implements Likelihood {

    private final int classes;
    private final int features;
    /** Row-major {@code classes x features}. */
    private final double[] theta;

    private final double[] var;
    private final double epsilon;
    /** Per class, {@code -0.5 * sum(log(2 pi var))}: the part of the log density that does not depend on x. */
    private final double[] normalizer;

    GaussianLikelihood(int classes, int features, double[] theta, double[] var, double epsilon) {
        this.classes = classes;
        this.features = features;
        this.theta = theta.clone();
        this.var = var.clone();
        this.epsilon = epsilon;
        this.normalizer = new double[classes];
        for (int c = 0; c < classes; c++) {
            double sum = 0;
            for (int j = 0; j < features; j++) {
                sum += Math.log(2.0 * Math.PI * var[c * features + j]);
            }
            normalizer[c] = -0.5 * sum;
        }
    }

    static GaussianLikelihood load(StateReader state, int classes, int features) {
        return new GaussianLikelihood(
                classes,
                features,
                state.getDoubles("theta", classes * features),
                state.getDoubles("var", classes * features),
                state.getDouble("epsilon"));
    }

    @Override
    public String kind() {
        return "gaussian";
    }

    @Override
    public void logLikelihood(double[] x, int offset, double[] out) {
        for (int c = 0; c < classes; c++) {
            double sum = 0;
            int base = c * features;
            for (int j = 0; j < features; j++) {
                double d = x[offset + j] - theta[base + j];
                sum += d * d / var[base + j];
            }
            out[c] = normalizer[c] - 0.5 * sum;
        }
    }

    @Override
    public void save(StateWriter state) {
        state.putDoubles("theta", theta).putDoubles("var", var).putDouble("epsilon", epsilon);
    }

    @Override
    public void describe(Map<String, Object> into) {
        into.put("theta", Likelihood.matrix(theta, classes));
        into.put("var", Likelihood.matrix(var, classes));
        into.put("epsilon", epsilon);
    }
}
