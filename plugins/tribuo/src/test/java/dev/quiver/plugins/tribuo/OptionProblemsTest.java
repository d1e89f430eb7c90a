package dev.quiver.plugins.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Problem;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad Tribuo option becomes a config problem at the key the user wrote (here, the key path of
 * {@link MapConfig}'s locations), with a did-you-mean where one helps; all are reported at once.
 */
class OptionProblemsTest {

    private static final String LINEAR_SGD = "org.tribuo.regression.sgd.linear.LinearSGDTrainer";
    private static final Map<String, Object> HUBER = Map.of("class", "org.tribuo.regression.sgd.objectives.Huber");

    @Test
    void unknownOptionGetsDidYouMean() {
        Problem p = single("trainer", "logistic-regression", "options", Map.of("epoch", 3));
        assertEquals("options.epoch", p.location().keyPath());
        assertContains(p.message(), "unknown option 'epoch' for LogisticRegressionTrainer; did you mean 'epochs'?");
    }

    @Test
    void valueOfTheWrongTypeIsLocated() {
        Problem p = single("trainer", "logistic-regression", "options", Map.of("epochs", "ten"));
        assertEquals("options.epochs", p.location().keyPath());
        assertContains(p.message(), "ten is not an integer");
    }

    @Test
    void missingMandatoryOptionNamesItAndItsMeaning() {
        Problem p = single("trainer", "kmeans", "options", Map.of("iterations", 5));
        assertEquals("options.centroids", p.location().keyPath());
        assertContains(p.message(), "KMeansTrainer needs 'centroids' (int)");
        assertContains(p.message(), "Number of centroids");
    }

    @Test
    void missingMandatoryOptionWithoutAnyOptionsPointsAtOptions() {
        Problem p = single("trainer", "kmeans");
        assertEquals("options", p.location().keyPath());
        assertContains(p.message(), "options.centroids");
    }

    @Test
    void componentOfTheWrongTypeIsRefused() {
        Problem p = single(
                "trainer",
                LINEAR_SGD,
                "options",
                Map.of("objective", Map.of("class", "org.tribuo.math.optimisers.AdaGrad")));
        assertEquals("options.objective", p.location().keyPath());
        assertContains(p.message(), "org.tribuo.math.optimisers.AdaGrad is not a RegressionObjective");
    }

    @Test
    void unknownOptionOfANestedComponentIsLocatedInside() {
        Problem p = single(
                "trainer",
                LINEAR_SGD,
                "options",
                Map.of(
                        "objective",
                        HUBER,
                        "optimiser",
                        Map.of("class", "org.tribuo.math.optimisers.AdaGrad", "initialLearningRat", 0.1)));
        assertEquals("options.optimiser.initialLearningRat", p.location().keyPath());
        assertContains(p.message(), "did you mean 'initialLearningRate'?");
    }

    @Test
    void missingNestedClassIsLocated() {
        Problem p = single(
                "trainer",
                LINEAR_SGD,
                "options",
                Map.of("objective", Map.of("class", "org.tribuo.regression.sgd.objectives.Hubber")));
        assertEquals("options.objective", p.location().keyPath());
        assertContains(p.message(), "there is no class 'org.tribuo.regression.sgd.objectives.Hubber'");
    }

    @Test
    void componentWrittenAsAWordAsksForAClass() {
        Problem p = single("trainer", LINEAR_SGD, "options", Map.of("objective", "huber"));
        assertEquals("options.objective", p.location().keyPath());
        assertContains(p.message(), "write it as a mapping whose 'class:' names the implementation");
    }

    @Test
    void badEnumConstantIsLocated() {
        Problem p = single("trainer", "kmeans", "options", Map.of("centroids", 3, "initialisationType", "PLUSPLUSS"));
        assertEquals("options.initialisationType", p.location().keyPath());
        assertContains(p.message(), "PLUSPLUSS is not a value of");
    }

    @Test
    void ruleCheckedByTribuoItselfIsLocated() {
        Problem p = single("trainer", "kmeans", "options", Map.of("centroids", -3));
        assertEquals("options.centroids", p.location().keyPath());
        assertContains(p.message(), "Centroids must be positive");
    }

    @Test
    void unknownShortNameGetsDidYouMean() {
        Problem p = single("trainer", "logistic-regresion");
        assertEquals("trainer", p.location().keyPath());
        assertContains(p.message(), "did you mean 'logistic-regression'?");
    }

    @Test
    void unknownTrainerClassIsLocatedAtTrainer() {
        Problem p = single("trainer", "org.tribuo.classification.sgd.linear.LogisticRegresionTrainer");
        assertEquals("trainer", p.location().keyPath());
        assertContains(p.message(), "no trainer class");
    }

    @Test
    void classThatIsNotATrainerIsRefused() {
        Problem p = single("trainer", "org.tribuo.math.optimisers.AdaGrad");
        assertEquals("trainer", p.location().keyPath());
        assertContains(p.message(), "is not a Tribuo Trainer");
    }

    @Test
    void taskThatTheShortNameDoesNotTrain() {
        Problem p = single("trainer", "kmeans", "task", "classification", "options", Map.of("centroids", 3));
        assertEquals("task", p.location().keyPath());
        assertContains(p.message(), "has no classification trainer; it trains [clustering]");
    }

    @Test
    void taskThatTheClassDoesNotTrain() {
        Problem p =
                single("trainer", "org.tribuo.classification.dtree.CARTClassificationTrainer", "task", "regression");
        assertEquals("task", p.location().keyPath());
        assertContains(p.message(), "trains classification, not regression");
    }

    @Test
    void optionsThatAreNotAMapping() {
        Problem p = single("trainer", "cart", "options", List.of(1, 2));
        assertEquals("options", p.location().keyPath());
        assertContains(p.message(), "expected a mapping");
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        MapConfig config = MapConfig.of(
                "trainer",
                LINEAR_SGD,
                "options",
                Map.of(
                        "epoch",
                        3,
                        "minibatchSise",
                        2,
                        "optimiser",
                        Map.of("class", "org.tribuo.math.optimisers.AdaGrad", "initialLearningRat", 0.1)));
        new TribuoModelFactory().create(config, new TestContext());
        assertEquals(
                List.of(
                        "options.epoch",
                        "options.minibatchSise",
                        "options.optimiser.initialLearningRat",
                        "options.objective"),
                config.problems().stream()
                        .map(p -> p.location().keyPath())
                        .sorted((a, b) -> order(a) - order(b))
                        .toList(),
                config.messages().toString());
    }

    private static int order(String key) {
        return List.of(
                        "options.epoch",
                        "options.minibatchSise",
                        "options.optimiser.initialLearningRat",
                        "options.objective")
                .indexOf(key);
    }

    @Test
    void brokenTrainerStillTellsWhichTaskItWasMeantFor() {
        MapConfig config = MapConfig.of("trainer", LINEAR_SGD, "options", Map.of("epoch", 3));
        dev.quiver.api.model.Trainer trainer = new TribuoModelFactory().create(config, new TestContext());
        assertEquals(java.util.Set.of(dev.quiver.api.Task.REGRESSION), trainer.tasks());
    }

    @Test
    void mapOptionBecomesAnOlcutMapProperty() {
        MapConfig config = MapConfig.of(
                "trainer",
                "liblinear",
                "task",
                "classification",
                "options",
                Map.of("labelWeights", Map.of("setosa", 2.0, "virginica", 0.5)));
        new TribuoModelFactory().create(config, new TestContext());
        config.assertNoProblems();

        MapConfig wrong = MapConfig.of(
                "trainer",
                "liblinear",
                "task",
                "classification",
                "options",
                Map.of("labelWeights", Map.of("setosa", "heavy")));
        new TribuoModelFactory().create(wrong, new TestContext());
        assertEquals(
                List.of("options.labelWeights"),
                wrong.problems().stream().map(p -> p.location().keyPath()).toList(),
                wrong.messages().toString());
    }

    private static Problem single(Object... model) {
        MapConfig config = MapConfig.of(model);
        new TribuoModelFactory().create(config, new TestContext());
        assertEquals(1, config.problems().size(), () -> "expected one problem, got " + config.messages());
        return config.problems().get(0);
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), () -> "'" + message + "' should contain '" + part + "'");
    }
}
