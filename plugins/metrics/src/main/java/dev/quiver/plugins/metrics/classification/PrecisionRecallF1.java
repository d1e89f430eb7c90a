package dev.quiver.plugins.metrics.classification;

import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.metric.Predictions;
import dev.quiver.plugins.metrics.internal.Confusion;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code precision}, {@code recall} and {@code f1}, each plain or with a {@code -macro}, {@code -micro} or
 * {@code -weighted} suffix, as scikit-learn's {@code precision_recall_fscore_support} computes them:
 *
 * <ul>
 *   <li>plain: the score of one class against the rest, that class being {@code positiveClass} or, for a binary
 *       task, the second class (sklearn's {@code average='binary', pos_label=1}); a multiclass task without
 *       {@code positiveClass} gets the macro average;</li>
 *   <li>macro: the unweighted mean over the classes that occur in the truth or the predictions (a class seen
 *       nowhere has no score, as with sklearn's default labels);</li>
 *   <li>micro: from the counts summed over classes, which for single-label data equals accuracy;</li>
 *   <li>weighted: the mean weighted by each class's number of true rows.</li>
 * </ul>
 *
 * <p>A ratio with a zero denominator (precision of a class never predicted, recall of a class never true) is
 * {@code zeroDivision}, 0 by default, silently: sklearn's {@code zero_division=0}. F1 is 0 when precision and
 * recall are both 0. {@link #details} gives every class's precision, recall, F1 and support. NaN for no rows.
 * Immutable.
 */
public final class PrecisionRecallF1 extends ClassificationMetric {

    /** Which ratio. */
    public enum Score {
        PRECISION,
        RECALL,
        F1;

        /** The pipeline-file name, e.g. {@code f1}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How per-class scores become one. {@code ONE_CLASS} is the plain name's rule described above. */
    public enum Average {
        ONE_CLASS,
        MACRO,
        MICRO,
        WEIGHTED;

        /** The name suffix, e.g. {@code -macro}; empty for the plain name. */
        public String suffix() {
            return this == ONE_CLASS ? "" : "-" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** The value of a ratio whose denominator is zero. */
    public static final Option<Double> ZERO_DIVISION = Option.real("zeroDivision", 0.0)
            .atLeast(0)
            .atMost(1)
            .describe("The value of a ratio whose denominator is zero, e.g. the precision of a class never "
                    + "predicted (scikit-learn's zero_division).");

    private final Score score;
    private final Average average;
    private final String positiveClass;
    private final double zeroDivision;

    /**
     * @param positiveClass the label to score with {@link Average#ONE_CLASS}, or null for the default
     */
    public PrecisionRecallF1(Score score, Average average, String positiveClass, double zeroDivision) {
        super(true, Reads.LABELS);
        this.score = score;
        this.average = average;
        this.positiveClass = positiveClass;
        this.zeroDivision = zeroDivision;
    }

    /** Reads {@code zeroDivision}, and {@code positiveClass} for the plain name. */
    public static PrecisionRecallF1 from(Score score, Average average, Config config) {
        String positive = average == Average.ONE_CLASS ? PositiveClass.read(config) : null;
        return new PrecisionRecallF1(score, average, positive, config.get(ZERO_DIVISION));
    }

    @Override
    public double compute(Predictions predictions) {
        if (predictions.size() == 0) {
            return Double.NaN;
        }
        Confusion confusion = Confusion.of(predictions);
        return switch (average) {
            case ONE_CLASS -> {
                int c = PositiveClass.resolve(positiveClass, predictions);
                yield c == PositiveClass.NONE ? macro(confusion) : classScore(confusion, c);
            }
            case MACRO -> macro(confusion);
            case MICRO -> micro(confusion);
            case WEIGHTED -> weighted(confusion);
        };
    }

    @Override
    public Map<String, Object> details(Predictions predictions) {
        Confusion confusion = Confusion.of(predictions);
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < confusion.classCount(); c++) {
            double precision = precision(confusion, c);
            double recall = recall(confusion, c);
            Map<String, Object> scores = new LinkedHashMap<>();
            scores.put("precision", precision);
            scores.put("recall", recall);
            scores.put("f1", f1(precision, recall));
            scores.put("support", confusion.actualCount(c));
            perClass.put(label(predictions, c), scores);
        }
        return Map.of("perClass", perClass);
    }

    private static String label(Predictions predictions, int c) {
        return c < predictions.classes().size() ? predictions.classes().get(c) : Integer.toString(c);
    }

    private double macro(Confusion confusion) {
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < confusion.classCount(); c++) {
            if (confusion.seen(c)) {
                sum += classScore(confusion, c);
                classes++;
            }
        }
        return sum / classes;
    }

    private double weighted(Confusion confusion) {
        double sum = 0;
        for (int c = 0; c < confusion.classCount(); c++) {
            sum += confusion.actualCount(c) * classScore(confusion, c);
        }
        return sum / confusion.total();
    }

    /** Summed over classes, true positives are the correct rows and both denominators are all rows. */
    private double micro(Confusion confusion) {
        double ratio = ratio(confusion.correct(), confusion.total());
        return score == Score.F1 ? f1(ratio, ratio) : ratio;
    }

    private double classScore(Confusion confusion, int c) {
        return switch (score) {
            case PRECISION -> precision(confusion, c);
            case RECALL -> recall(confusion, c);
            case F1 -> f1(precision(confusion, c), recall(confusion, c));
        };
    }

    private double precision(Confusion confusion, int c) {
        return ratio(confusion.truePositives(c), confusion.predictedCount(c));
    }

    private double recall(Confusion confusion, int c) {
        return ratio(confusion.truePositives(c), confusion.actualCount(c));
    }

    private double ratio(long numerator, long denominator) {
        return denominator == 0 ? zeroDivision : (double) numerator / denominator;
    }

    /** The harmonic mean, written as sklearn does so that results agree to the last bit where they can. */
    private static double f1(double precision, double recall) {
        double denominator = precision + recall;
        return denominator == 0 ? 0.0 : 2 * precision * recall / denominator;
    }
}
