package dev.quiver.plugins.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Plugin;
import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The plugin as the runtime finds it: service registration, names, directions and tasks. */
class MetricsPluginTest {

    private static final List<String> CLASSIFICATION_HIGHER = List.of(
            "accuracy",
            "balanced-accuracy",
            "precision",
            "precision-macro",
            "precision-micro",
            "precision-weighted",
            "recall",
            "recall-macro",
            "recall-micro",
            "recall-weighted",
            "f1",
            "f1-macro",
            "f1-micro",
            "f1-weighted",
            "confusion-matrix",
            "roc-auc",
            "pr-auc");
    private static final List<String> CLASSIFICATION_LOWER = List.of("log-loss", "brier");
    private static final List<String> REGRESSION_HIGHER = List.of("r2", "explained-variance");
    private static final List<String> REGRESSION_LOWER = List.of("mse", "rmse", "mae", "error-mean", "error-variance");
    private static final List<String> LANGUAGE_MODEL_LOWER = List.of("perplexity");
    private static final List<String> CLUSTERING_HIGHER = List.of("adjusted-rand");

    @Test
    void serviceLoaderFindsThePlugin() {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        assertTrue(plugins.stream().anyMatch(p -> p instanceof MetricsPlugin), "registered in META-INF/services");
    }

    @Test
    void namesAreExactlyTheDocumentedOnesAndUnique() {
        List<String> names = StreamSupport.stream(
                        new MetricsPlugin().getMetricFactories().spliterator(), false)
                .map(MetricFactory::name)
                .toList();
        List<String> expected = new ArrayList<>();
        expected.addAll(CLASSIFICATION_HIGHER);
        expected.addAll(CLASSIFICATION_LOWER);
        expected.addAll(REGRESSION_HIGHER);
        expected.addAll(REGRESSION_LOWER);
        expected.addAll(LANGUAGE_MODEL_LOWER);
        expected.addAll(CLUSTERING_HIGHER);
        assertEquals(Set.copyOf(expected), Set.copyOf(names));
        assertEquals(names.size(), Set.copyOf(names).size(), "no duplicate names");
    }

    @Test
    void directionAndTasksFitEachMetric() {
        Set<Task> classification = Set.of(Task.BINARY, Task.MULTICLASS);
        check(CLASSIFICATION_HIGHER, true, classification);
        check(CLASSIFICATION_LOWER, false, classification);
        check(REGRESSION_HIGHER, true, Set.of(Task.REGRESSION));
        check(REGRESSION_LOWER, false, Set.of(Task.REGRESSION));
        check(LANGUAGE_MODEL_LOWER, false, Set.of(Task.LANGUAGE_MODEL));
        check(CLUSTERING_HIGHER, true, Set.of(Task.CLUSTERING));
    }

    @Test
    void exactlyTheScoreBasedMetricsAskForProbabilities() {
        // The runtime drops per-row probabilities of large splits unless a metric says it reads them: a wrong
        // false here would silently turn roc-auc into NaN on big data.
        Set<String> scoreBased = Set.of("roc-auc", "pr-auc", "log-loss", "brier");
        for (MetricFactory f : new MetricsPlugin().getMetricFactories()) {
            assertEquals(scoreBased.contains(f.name()), Metrics.create(f.name()).usesProbabilities(), f.name());
        }
    }

    @Test
    void everyFactoryDescribesItselfAndItsOptions() {
        for (MetricFactory f : new MetricsPlugin().getMetricFactories()) {
            assertFalse(f.description().isBlank(), f.name());
            f.options().forEach(o -> assertFalse(o.description().isBlank(), f.name() + " " + o.name()));
        }
        assertEquals(
                List.of("positiveClass", "zeroDivision"),
                Metrics.factory("f1").options().stream().map(o -> o.name()).toList());
        assertEquals(
                List.of("zeroDivision"),
                Metrics.factory("f1-weighted").options().stream()
                        .map(o -> o.name())
                        .toList());
        assertEquals(
                List.of("positiveClass"),
                Metrics.factory("roc-auc").options().stream().map(o -> o.name()).toList());
    }

    private static void check(List<String> names, boolean higherIsBetter, Set<Task> tasks) {
        for (String name : names) {
            Metric metric = Metrics.create(name);
            assertEquals(higherIsBetter, metric.higherIsBetter(), name + " higherIsBetter");
            assertEquals(tasks, metric.tasks(), name + " tasks");
        }
    }
}
