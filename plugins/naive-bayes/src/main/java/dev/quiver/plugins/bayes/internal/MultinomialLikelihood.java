package dev.quiver.plugins.bayes.internal;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.Map;

/**
 * Multinomial naive Bayes, for counts (word counts of a message, say): {@code log P(x | c) = sum_j x_j *
 * log p_cj}, where {@code p_cj} is the smoothed share of feature j in class c's total count, as in
 * scikit-learn's {@code MultinomialNB}. Immutable.
 */
final class MultinomialLikelihood implements Likelihood {

    private final int classes;
    private final int features;
    /** Row-major {@code classes x features}: {@code log p_cj}. */
    private final double[] featureLogProb;

    private final double alpha;

    MultinomialLikelihood(int classes, int features, double[] featureLogProb, double alpha) {
        this.classes = classes;
        this.features = features;
        this.featureLogProb = featureLogProb.clone();
        this.alpha = alpha;
    }

    /** From per-class feature sums: {@code log((count_cj + alpha) / (sum_j count_cj + alpha * features))}. */
    static MultinomialLikelihood fit(int classes, int features, double[] featureCount, double alpha) {
        double[] flp = new double[classes * features];
        for (int c = 0; c < classes; c++) {
            double total = 0;
            for (int j = 0; j < features; j++) {
                total += featureCount[c * features + j] + alpha;
            }
            double logTotal = Math.log(total);
            for (int j = 0; j < features; j++) {
                flp[c * features + j] = Math.log(featureCount[c * features + j] + alpha) - logTotal;
            }
        }
        return new MultinomialLikelihood(classes, features, flp, alpha);
    }

    static MultinomialLikelihood load(StateReader state, int classes, int features) {
        return new MultinomialLikelihood(
                classes, features, state.getDoubles("featureLogProb", classes * features), state.getDouble("alpha"));
    }

    @Override
    public String kind() {
        return "multinomial";
    }

    @Override
    public void logLikelihood(double[] x, int offset, double[] out) {
        for (int c = 0; c < classes; c++) {
            double sum = 0;
            int base = c * features;
            for (int j = 0; j < features; j++) {
                sum += x[offset + j] * featureLogProb[base + j];
            }
            out[c] = sum;
        }
    }

    @Override
    public void save(StateWriter state) {
        state.putDoubles("featureLogProb", featureLogProb).putDouble("alpha", alpha);
    }

    @Override
    public void describe(Map<String, Object> into) {
        into.put("featureLogProb", Likelihood.matrix(featureLogProb, classes));
        into.put("alpha", alpha);
    }
}
