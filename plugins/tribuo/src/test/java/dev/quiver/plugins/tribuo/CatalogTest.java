package dev.quiver.plugins.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What {@code quiver plugins tribuo} shows: short names by task and each trainer's OLCUT options. */
class CatalogTest {

    @Test
    void helpTopicsAreTrainersAndAnUnknownOneIsAUsageErrorWithADidYouMean() {
        TribuoModelFactory factory = new TribuoModelFactory();
        String cart = factory.help("cart").orElseThrow();
        assertTrue(cart.contains("CARTClassificationTrainer") && cart.contains("maxDepth"), cart);
        dev.quiver.api.QuiverException e =
                assertThrows(dev.quiver.api.QuiverException.class, () -> factory.help("kmean"));
        assertEquals(dev.quiver.api.ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("did you mean 'kmeans'"), e.getMessage());
    }

    @Test
    void shortNamesByKind() {
        Map<OutputKind, List<String>> byKind = TribuoCatalog.shortNames().stream()
                .collect(Collectors.groupingBy(
                        ShortName::kind, Collectors.mapping(ShortName::name, Collectors.toList())));
        assertTrue(byKind.get(OutputKind.CLASSIFICATION)
                .containsAll(List.of(
                        "logistic-regression",
                        "linear-sgd",
                        "cart",
                        "random-forest",
                        "liblinear",
                        "libsvm",
                        "knn",
                        "naive-bayes")));
        assertTrue(byKind.get(OutputKind.REGRESSION)
                .containsAll(List.of("linear-sgd", "cart", "random-forest", "liblinear", "libsvm")));
        assertEquals(List.of("hdbscan", "kmeans"), byKind.get(OutputKind.CLUSTERING));
    }

    @Test
    void everyShortNameBuildsWithItsDefaults() {
        for (ShortName name : TribuoCatalog.shortNames()) {
            Map<String, Object> extra = name.name().equals("kmeans") ? Map.of("centroids", 3) : Map.of();
            dev.quiver.api.model.Trainer trainer =
                    Fits.trainer("trainer", name.name(), "task", name.kind().label(), "options", extra);
            assertEquals(name.kind().tasks(), trainer.tasks(), name.name());
        }
    }

    @Test
    void trainerOptionsComeFromOlcutAnnotations() {
        Map<String, TrainerOption> options = byName(TribuoCatalog.options("logistic-regression"));
        TrainerOption epochs = options.get("epochs");
        assertEquals("int", epochs.type());
        assertEquals("5", epochs.defaultValue());
        assertEquals("The number of gradient descent epochs.", epochs.description());
        assertEquals("StochasticGradientOptimiser", options.get("optimiser").type());
        assertEquals("the pipeline seed", options.get("seed").suppliedBy());

        Map<String, TrainerOption> kmeans = byName(TribuoCatalog.options("kmeans"));
        assertTrue(kmeans.get("centroids").required());
        assertEquals("Quiver's default: 100", kmeans.get("iterations").suppliedBy());
        assertEquals(
                List.of("RANDOM", "PLUSPLUS"), kmeans.get("initialisationType").choices());
    }

    @Test
    void describeListsNamesOrOneTrainersOptions() {
        String names = TribuoCatalog.describe(null);
        assertTrue(names.contains("logistic-regression") && names.contains("hdbscan"), names);
        String cart = TribuoCatalog.describe("org.tribuo.regression.rtree.CARTRegressionTrainer");
        assertTrue(cart.contains("maxDepth") && cart.contains("The maximum depth of the tree."), cart);
    }

    @Test
    void unknownTrainerSuggestsAShortName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TribuoCatalog.options("kmean"));
        assertTrue(e.getMessage().contains("did you mean 'kmeans'?"), e.getMessage());
    }

    @Test
    void factoryDeclaresItsOptions() {
        assertEquals(
                List.of("trainer", "options", "task", "acknowledgeAdamBug", "verbose"),
                new TribuoModelFactory().options().stream().map(o -> o.name()).toList());
        assertEquals("tribuo", new TribuoModelFactory().name());
        assertTrue(
                new TribuoModelFactory().description().endsWith("clustering: hdbscan, kmeans."),
                new TribuoModelFactory().description());
    }

    private static Map<String, TrainerOption> byName(List<TrainerOption> options) {
        return options.stream().collect(Collectors.toMap(TrainerOption::name, Function.identity()));
    }
}
