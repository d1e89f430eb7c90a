package dev.quiver.plugins.bayes.internal;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.Map;

/**
 * Bernoulli naive Bayes, for presence/absence: a feature counts as present when it exceeds {@code binarize},
 * and {@code p_cj} is the smoothed share of class c's rows where feature j is present, as in scikit-learn's
 * {@code BernoulliNB}. Unlike the multinomial model, an absent feature is evidence too. Immutable.
 */
final class BernoulliLikelihood implements Likelihood {

    private final int classes;
    private final int features;
    /** Row-major {@code classes x features}: {@code log p_cj}. */
    private final double[] featureLogProb;
    /** {@code log(1 - p_cj) } and its per-class sum: the log likelihood of a row with nothing present. */
    private final double[] absentLogProb;

    private final double[] allAbsent;
    private final double alpha;
    private final double binarize;

    BernoulliLikelihood(int classes, int features, double[] featureLogProb, double alpha, double binarize) {
        this.classes = classes;
        this.features = features;
        this.featureLogProb = featureLogProb.clone();
        this.alpha = alpha;
        this.binarize = binarize;
        this.absentLogProb = new double[featureLogProb.length];
        this.allAbsent = new double[classes];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < features; j++) {
                int i = c * features + j;
                absentLogProb[i] = Math.log(1 - Math.exp(featureLogProb[i]));
                allAbsent[c] += absentLogProb[i];
            }
        }
    }

    /** From per-class presence counts: {@code log((present_cj + alpha) / (rows_c + 2 alpha))}. */
    static BernoulliLikelihood fit(
            int classes, int features, double[] presentCount, double[] classCount, double alpha, double binarize) {
        double[] flp = new double[classes * features];
        for (int c = 0; c < classes; c++) {
            double logRows = Math.log(classCount[c] + 2 * alpha);
            for (int j = 0; j < features; j++) {
                flp[c * features + j] = Math.log(presentCount[c * features + j] + alpha) - logRows;
            }
        }
        return new BernoulliLikelihood(classes, features, flp, alpha, binarize);
    }

    static BernoulliLikelihood load(StateReader state, int classes, int features) {
        return new BernoulliLikelihood(
                classes,
                features,
                state.getDoubles("featureLogProb", classes * features),
                state.getDouble("alpha"),
                state.getDouble("binarize"));
    }

    /** Whether a value counts as the feature being present. */
    boolean present(double value) {
        return value > binarize;
    }

    @Override
    public String kind() {
        return "bernoulli";
    }

    @Override
    public void logLikelihood(double[] x, int offset, double[] out) {
        for (int c = 0; c < classes; c++) {
            double sum = allAbsent[c];
            int base = c * features;
            for (int j = 0; j < features; j++) {
                if (present(x[offset + j])) {
                    sum += featureLogProb[base + j] - absentLogProb[base + j];
                }
            }
            out[c] = sum;
        }
    }

    @Override
    public void save(StateWriter state) {
        state.putDoubles("featureLogProb", featureLogProb)
                .putDouble("alpha", alpha)
                .putDouble("binarize", binarize);
    }

    @Override
    public void describe(Map<String, Object> into) {
        into.put("featureLogProb", Likelihood.matrix(featureLogProb, classes));
        into.put("alpha", alpha);
        into.put("binarize", binarize);
    }
}
