package dev.quiver.plugins.bayes.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Location;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A configured naive Bayes learner. Fitting is counting: one pass for class counts and per-class feature sums
 * (and a second, for the Gaussian kind, for variances). Immutable and thread-safe: each fit keeps its tallies
 * on its own stack.
 *
 * @param kind {@code gaussian}, {@code multinomial} or {@code bernoulli}
 * @param alpha additive smoothing of the discrete kinds (already raised to scikit-learn's floor of 1e-10)
 * @param varSmoothing share of the largest feature variance added to every Gaussian variance
 * @param binarize threshold above which a Bernoulli feature counts as present
 * @param priors class priors in class order, overriding the learned ones; empty to learn them
 * @param fitPriors whether to learn priors from class frequencies (else uniform)
 * @param priorsLocation where {@code priors} was written, for the error when its length is wrong
 */
public record NaiveBayesTrainer(
        String kind,
        double alpha,
        double varSmoothing,
        double binarize,
        List<Double> priors,
        boolean fitPriors,
        Location priorsLocation)
        implements Trainer {

    public NaiveBayesTrainer {
        priors = List.copyOf(priors);
    }

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.BINARY, Task.MULTICLASS);
    }

    @Override
    public Model fit(TrainingData data, FitContext context) {
        ClassLabels labels = ClassLabels.of(data);
        List<String> features = data.features();
        int k = labels.size();
        int d = features.size();
        if (k < 2) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "naive-bayes needs at least two classes in the " + "target, found " + labels.classes());
        }
        for (Field f : data.schema().getFields()) {
            if (features.contains(f.getName()) && !ArrowColumns.isNumeric(f)) {
                throw QuiverException.data(
                        "training data",
                        0,
                        f.getName(),
                        "naive-bayes needs numeric features, but " + "this column is " + f.getType()
                                + "; encode it first (e.g. with a one-hot transform)");
            }
        }

        Tally tally = new Tally(k, features);
        String target = data.target().orElseThrow().getName();
        forEachBatch(data, context, features, target, labels, tally::add);
        double rows = Arrays.stream(tally.classCount).sum();
        if (rows == 0) {
            throw new QuiverException(ErrorCode.DATA, "naive-bayes has no training rows to learn from");
        }
        for (int c = 0; c < k; c++) {
            if (tally.classCount[c] == 0) {
                // only learned priors are 0 for it; given or uniform priors keep it possible, on untrained likelihoods
                context.warn("naive-bayes: class '" + labels.classes().get(c) + "' has no training rows; "
                        + (priors.isEmpty() && fitPriors
                                ? "it gets probability 0"
                                : "its likelihood is learned from nothing, but its prior keeps it possible"));
            }
        }

        Likelihood likelihood =
                switch (kind) {
                    case "gaussian" -> gaussian(data, context, features, target, labels, tally);
                    case "multinomial" -> MultinomialLikelihood.fit(k, d, tally.featureSum, alpha);
                    case "bernoulli" ->
                        BernoulliLikelihood.fit(k, d, tally.presentCount, tally.classCount, alpha, binarize);
                    default -> throw new IllegalStateException("unknown kind " + kind);
                };
        return new NaiveBayesModel(
                features, labels, tally.classCount, classLogPrior(labels, tally.classCount), likelihood);
    }

    private double[] classLogPrior(ClassLabels labels, double[] classCount) {
        int k = classCount.length;
        double[] logPrior = new double[k];
        if (!priors.isEmpty()) {
            if (priors.size() != k) {
                throw QuiverException.config(
                        priorsLocation,
                        "priors has " + priors.size() + " values but the target " + "has " + k + " classes "
                                + labels.classes() + "; give one prior per class, in that order");
            }
            for (int c = 0; c < k; c++) {
                logPrior[c] = Math.log(priors.get(c));
            }
        } else if (fitPriors) {
            double total = 0;
            for (double n : classCount) {
                total += n;
            }
            for (int c = 0; c < k; c++) {
                logPrior[c] = Math.log(classCount[c]) - Math.log(total);
            }
        } else {
            Arrays.fill(logPrior, -Math.log(k));
        }
        return logPrior;
    }

    /**
     * Per-class means and variances, the variances computed around the means in a second pass (as numpy
     * does, which keeps them accurate when the mean is large), plus {@code epsilon = varSmoothing * the largest
     * variance of any feature over all rows}, scikit-learn's guard against zero variances.
     */
    private GaussianLikelihood gaussian(
            TrainingData data,
            FitContext context,
            List<String> features,
            String target,
            ClassLabels labels,
            Tally tally) {
        int k = tally.classes;
        int d = tally.features;
        double[] theta = new double[k * d];
        double[] overallMean = new double[d];
        double rows = 0;
        for (int c = 0; c < k; c++) {
            rows += tally.classCount[c];
            for (int j = 0; j < d; j++) {
                theta[c * d + j] = tally.classCount[c] == 0 ? 0 : tally.featureSum[c * d + j] / tally.classCount[c];
                overallMean[j] += tally.featureSum[c * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            overallMean[j] /= rows;
        }
        double[] squares = new double[k * d];
        double[] overallSquares = new double[d];
        forEachBatch(data, context, features, target, labels, (x, y, n, firstRow) -> {
            for (int r = 0; r < n; r++) {
                int base = y[r] * d;
                for (int j = 0; j < d; j++) {
                    double v = x[r * d + j];
                    double dc = v - theta[base + j];
                    squares[base + j] += dc * dc;
                    double dAll = v - overallMean[j];
                    overallSquares[j] += dAll * dAll;
                }
            }
        });
        double maxVariance = 0;
        for (int j = 0; j < d; j++) {
            maxVariance = Math.max(maxVariance, overallSquares[j] / rows);
        }
        double epsilon = varSmoothing * maxVariance;
        double[] var = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                double count = tally.classCount[c];
                var[c * d + j] = (count == 0 ? 1 : squares[c * d + j] / count) + epsilon;
            }
        }
        return new GaussianLikelihood(k, d, theta, var, epsilon);
    }

    /** Receives one batch: its features row-major, its class indices, its row count, its first row's number. */
    @FunctionalInterface
    private interface BatchConsumer {
        void accept(double[] x, int[] y, int rows, long firstRow);
    }

    private static void forEachBatch(
            TrainingData data,
            FitContext context,
            List<String> features,
            String target,
            ClassLabels labels,
            BatchConsumer consumer) {
        long firstRow = 1;
        try (BatchReader reader = data.open(context.allocator())) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                double[] x = FeatureMatrix.read(root, features, "fit", "training data", firstRow);
                FieldVector targetColumn = root.getVector(target);
                int[] y = new int[root.getRowCount()];
                for (int r = 0; r < y.length; r++) {
                    y[r] = labels.indexOf(targetColumn, r);
                }
                consumer.accept(x, y, y.length, firstRow);
                firstRow += y.length;
            }
        }
    }

    /** What one pass counts: rows per class, feature sums per class, and (Bernoulli) presences per class. */
    private final class Tally {
        final int classes;
        final int features;
        final List<String> names;
        final double[] classCount;
        final double[] featureSum;
        final double[] presentCount;
        /** Multinomial features are counts, so a negative value is a mistake worth stopping for. */
        final boolean counts = kind.equals("multinomial");

        Tally(int classes, List<String> names) {
            this.classes = classes;
            this.features = names.size();
            this.names = names;
            this.classCount = new double[classes];
            this.featureSum = new double[classes * features];
            this.presentCount = new double[classes * features];
        }

        void add(double[] x, int[] y, int rows, long firstRow) {
            for (int r = 0; r < rows; r++) {
                int base = y[r] * features;
                classCount[y[r]]++;
                for (int j = 0; j < features; j++) {
                    double v = x[r * features + j];
                    if (v < 0 && counts) {
                        throw QuiverException.data(
                                "training data",
                                firstRow + r,
                                names.get(j),
                                "multinomial naive Bayes needs counts, but this value is " + v + "; use kind: "
                                        + "gaussian for real-valued features");
                    }
                    featureSum[base + j] += v;
                    if (v > binarize) {
                        presentCount[base + j]++;
                    }
                }
            }
        }
    }
}
