package dev.quiver.plugins.bayes.internal;

import dev.quiver.api.state.StateWriter;
import java.util.Arrays;
import java.util.Map;

/**
 * The per-class feature model of one naive Bayes variant: how likely a row's features are under each class,
 * the priors aside. Implementations are immutable, so a model can score rows from many threads.
 */
sealed interface Likelihood permits GaussianLikelihood, MultinomialLikelihood, BernoulliLikelihood {

    /** The {@code kind:} option value this variant answers to. */
    String kind();

    /**
     * Writes {@code log P(x | class c)} (up to a constant shared by all classes) into {@code out[c]}, for the row
     * of {@code d} features starting at {@code x[offset]}.
     */
    void logLikelihood(double[] x, int offset, double[] out);

    /** Writes the learned parameters (the caller has written kind, classes and priors). */
    void save(StateWriter state);

    /** The learned parameters for {@code inspect}. */
    void describe(Map<String, Object> into);

    /** Rows of a {@code classes x features} matrix stored row-major. */
    static double[][] matrix(double[] flat, int classes) {
        int d = classes == 0 ? 0 : flat.length / classes;
        double[][] m = new double[classes][];
        for (int c = 0; c < classes; c++) {
            m[c] = Arrays.copyOfRange(flat, c * d, (c + 1) * d);
        }
        return m;
    }
}
