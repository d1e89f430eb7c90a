package dev.quiver.plugins.metrics;

import dev.quiver.api.Task;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.testing.conformance.MetricConformance;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;

/**
 * Every metric of the plugin against {@link MetricConformance}: its perfect and (where fixed) worst score, and
 * the scikit-learn golden values of {@code golden/metrics.txt} computed without options.
 */
class MetricsConformanceTest {

    /** A built-in metric by name, with its scores at the extremes; references are the goldens of that name. */
    abstract static class BuiltIn extends MetricConformance {
        private final String name;
        private final double perfect;
        private final OptionalDouble worstBinary;
        private final OptionalDouble worstMulticlass;

        BuiltIn(String name, double perfect, OptionalDouble worstBinary, OptionalDouble worstMulticlass) {
            this.name = name;
            this.perfect = perfect;
            this.worstBinary = worstBinary;
            this.worstMulticlass = worstMulticlass;
        }

        @Override
        protected MetricFactory factory() {
            return Metrics.factory(name);
        }

        @Override
        protected double perfectScore() {
            return perfect;
        }

        @Override
        protected OptionalDouble worstScore(Task task) {
            return task == Task.BINARY ? worstBinary : worstMulticlass;
        }

        @Override
        protected List<Reference> references() {
            return GoldenCases.load().cases().stream()
                    .flatMap(c -> c.metrics().stream()
                            .filter(m -> m.metric().equals(name) && m.options().isEmpty())
                            .map(m -> new Reference(c.name(), c.predictions(), m.value(), 1e-12)))
                    .toList();
        }
    }

    @Nested
    class AdjustedRand extends BuiltIn {
        AdjustedRand() {
            super("adjusted-rand", 1, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    @Nested
    class Accuracy extends BuiltIn {
        Accuracy() {
            super("accuracy", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class BalancedAccuracy extends BuiltIn {
        BalancedAccuracy() {
            super("balanced-accuracy", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class Precision extends BuiltIn {
        Precision() {
            super("precision", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class PrecisionMacro extends BuiltIn {
        PrecisionMacro() {
            super("precision-macro", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class PrecisionMicro extends BuiltIn {
        PrecisionMicro() {
            super("precision-micro", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class PrecisionWeighted extends BuiltIn {
        PrecisionWeighted() {
            super("precision-weighted", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class Recall extends BuiltIn {
        Recall() {
            super("recall", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class RecallMacro extends BuiltIn {
        RecallMacro() {
            super("recall-macro", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class RecallMicro extends BuiltIn {
        RecallMicro() {
            super("recall-micro", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class RecallWeighted extends BuiltIn {
        RecallWeighted() {
            super("recall-weighted", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class F1 extends BuiltIn {
        F1() {
            super("f1", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class F1Macro extends BuiltIn {
        F1Macro() {
            super("f1-macro", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class F1Micro extends BuiltIn {
        F1Micro() {
            super("f1-micro", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class F1Weighted extends BuiltIn {
        F1Weighted() {
            super("f1-weighted", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class ConfusionMatrix extends BuiltIn {
        ConfusionMatrix() {
            super("confusion-matrix", 1, OptionalDouble.of(0), OptionalDouble.of(0));
        }
    }

    @Nested
    class RocAuc extends BuiltIn {
        RocAuc() {
            super("roc-auc", 1, OptionalDouble.of(0), OptionalDouble.empty());
        }
    }

    @Nested
    class PrAuc extends BuiltIn {
        PrAuc() {
            super("pr-auc", 1, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    @Nested
    class LogLoss extends BuiltIn {
        LogLoss() {
            super("log-loss", 0, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    @Nested
    class Brier extends BuiltIn {
        Brier() {
            super("brier", 0, OptionalDouble.of(1), OptionalDouble.of(2));
        }
    }

    @Nested
    class Mse extends BuiltIn {
        Mse() {
            super("mse", 0, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    @Nested
    class Rmse extends BuiltIn {
        Rmse() {
            super("rmse", 0, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    @Nested
    class Mae extends BuiltIn {
        Mae() {
            super("mae", 0, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    @Nested
    class R2 extends BuiltIn {
        R2() {
            super("r2", 1, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    @Nested
    class ExplainedVariance extends BuiltIn {
        ExplainedVariance() {
            super("explained-variance", 1, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    @Nested
    class ErrorMean extends BuiltIn {
        ErrorMean() {
            super("error-mean", 0, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }

    @Nested
    class ErrorVariance extends BuiltIn {
        ErrorVariance() {
            super("error-variance", 0, OptionalDouble.empty(), OptionalDouble.empty());
        }
    }
}
