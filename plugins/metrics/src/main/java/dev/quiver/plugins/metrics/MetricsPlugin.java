package dev.quiver.plugins.metrics;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.config.Option;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.plugins.metrics.classification.Accuracy;
import dev.quiver.plugins.metrics.classification.BalancedAccuracy;
import dev.quiver.plugins.metrics.classification.Brier;
import dev.quiver.plugins.metrics.classification.ConfusionMatrix;
import dev.quiver.plugins.metrics.classification.LogLoss;
import dev.quiver.plugins.metrics.classification.PositiveClass;
import dev.quiver.plugins.metrics.classification.PrecisionRecallF1;
import dev.quiver.plugins.metrics.classification.PrecisionRecallF1.Average;
import dev.quiver.plugins.metrics.classification.PrecisionRecallF1.Score;
import dev.quiver.plugins.metrics.classification.RankingMetric;
import dev.quiver.plugins.metrics.clustering.AdjustedRand;
import dev.quiver.plugins.metrics.internal.MetricSpec;
import dev.quiver.plugins.metrics.language.Perplexity;
import dev.quiver.plugins.metrics.regression.RegressionMetric;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation metrics, each named in a pipeline's {@code evaluate:} list. Values agree with scikit-learn 1.2
 * (see each metric's Javadoc for the few deliberate differences, all where sklearn would raise). Found by
 * {@link java.util.ServiceLoader}; stateless.
 */
public final class MetricsPlugin implements Plugin {

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Iterable<MetricFactory> getMetricFactories() {
        List<MetricFactory> factories = new ArrayList<>();
        factories.add(new MetricSpec(
                "accuracy", "Fraction of rows whose class is predicted right.", List.of(), config -> new Accuracy()));
        factories.add(new MetricSpec(
                "balanced-accuracy",
                "Mean recall over the classes present in the truth.",
                List.of(),
                config -> new BalancedAccuracy()));
        for (Score score : Score.values()) {
            for (Average average : Average.values()) {
                factories.add(precisionRecallF1(score, average));
            }
        }
        factories.add(new MetricSpec(
                "confusion-matrix",
                "Counts of each (true, predicted) class pair, in the details; the value is accuracy.",
                List.of(),
                config -> new ConfusionMatrix()));
        factories.add(new MetricSpec(
                "roc-auc",
                "Area under the ROC curve of the class probabilities; one-vs-rest macro average for multiclass.",
                List.of(PositiveClass.OPTION),
                config -> new RankingMetric(RankingMetric.Kind.ROC_AUC, PositiveClass.read(config))));
        factories.add(new MetricSpec(
                "pr-auc",
                "Average precision (area under the precision-recall steps); one-vs-rest macro for multiclass.",
                List.of(PositiveClass.OPTION),
                config -> new RankingMetric(RankingMetric.Kind.AVERAGE_PRECISION, PositiveClass.read(config))));
        factories.add(new MetricSpec(
                "log-loss",
                "Mean negative log probability of the true class (clipped).",
                List.of(),
                config -> new LogLoss()));
        factories.add(new MetricSpec(
                "brier",
                "Mean squared error of the probabilities (multiclass: summed over classes).",
                List.of(PositiveClass.OPTION),
                config -> new Brier(PositiveClass.read(config))));
        factories.add(new MetricSpec(
                "perplexity",
                "Language models: exp of the mean next-token cross-entropy over the split's tokens.",
                List.of(),
                config -> new Perplexity()));
        factories.add(new MetricSpec(
                "adjusted-rand",
                "Clustering: adjusted Rand index of the clusters against the true groups in columns.labels.",
                List.of(),
                config -> new AdjustedRand()));
        for (RegressionMetric metric : RegressionMetric.values()) {
            factories.add(new MetricSpec(metric.metricName(), metric.description(), List.of(), config -> metric));
        }
        return List.copyOf(factories);
    }

    private static MetricFactory precisionRecallF1(Score score, Average average) {
        String what =
                switch (score) {
                    case PRECISION -> "Precision (right among predicted)";
                    case RECALL -> "Recall (found among true)";
                    case F1 -> "F1 (harmonic mean of precision and recall)";
                };
        String how =
                switch (average) {
                    case ONE_CLASS ->
                        " of positiveClass, else of the second class (binary) or macro-averaged (multiclass).";
                    case MACRO -> ", unweighted mean over classes.";
                    case MICRO -> " from counts summed over classes.";
                    case WEIGHTED -> ", mean over classes weighted by their true rows.";
                };
        List<Option<?>> options = average == Average.ONE_CLASS
                ? List.of(PositiveClass.OPTION, PrecisionRecallF1.ZERO_DIVISION)
                : List.of(PrecisionRecallF1.ZERO_DIVISION);
        return new MetricSpec(
                score.label() + average.suffix(),
                what + how,
                options,
                config -> PrecisionRecallF1.from(score, average, config));
    }
}
