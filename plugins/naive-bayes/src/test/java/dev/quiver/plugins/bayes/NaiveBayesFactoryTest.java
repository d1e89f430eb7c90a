package dev.quiver.plugins.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.Plugin;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class NaiveBayesFactoryTest {

    private static List<String> problems(MapConfig config) {
        new NaiveBayesFactory().create(config, new TestContext());
        return config.messages();
    }

    @Test
    void optionsOfAnotherKindAreProblems() {
        assertEquals(
                List.of("alpha: alpha applies to kind multinomial and bernoulli, not to gaussian"),
                problems(MapConfig.of("alpha", 0.5)));
        assertEquals(
                List.of(
                        "varSmoothing: varSmoothing applies to kind gaussian, not to multinomial",
                        "binarize: binarize applies to kind bernoulli, not to multinomial"),
                problems(MapConfig.of("kind", "multinomial", "varSmoothing", 1e-3, "binarize", 0.5)));
    }

    @Test
    void priorsMustBeProbabilitiesSummingToOne() {
        assertEquals(
                List.of("priors: priors must sum to 1, but they sum to 0.9"),
                problems(MapConfig.of("priors", List.of(0.4, 0.5))));
        assertEquals(1, problems(MapConfig.of("priors", List.of(-0.5, 1.5))).size());
    }

    @Test
    void infiniteNumbersAreProblems() {
        assertEquals(
                List.of("varSmoothing: varSmoothing must be a finite number, got Infinity"),
                problems(MapConfig.of("varSmoothing", Double.POSITIVE_INFINITY)));
        assertEquals(
                List.of("alpha: alpha must be a finite number, got Infinity"),
                problems(MapConfig.of("kind", "multinomial", "alpha", Double.POSITIVE_INFINITY)));
        assertEquals(
                List.of("binarize: binarize must be a finite number, got -Infinity"),
                problems(MapConfig.of("kind", "bernoulli", "binarize", Double.NEGATIVE_INFINITY)));
    }

    @Test
    void aMistypedKindGetsADidYouMean() {
        assertEquals(
                List.of("kind: 'bernouli' is not one of [gaussian, multinomial, bernoulli]; "
                        + "did you mean 'bernoulli'?"),
                problems(MapConfig.of("kind", "bernouli")));
    }

    @Test
    void tooSmallAlphaIsRaisedToScikitLearnsFloorWithAWarning() {
        TestContext context = new TestContext();
        MapConfig config = MapConfig.of("kind", "multinomial", "alpha", 0.0);
        new NaiveBayesFactory().create(config, context);
        config.assertNoProblems();
        assertEquals(
                List.of("naive-bayes: alpha 0.0 is too small for numerical stability; using 1.0E-10"),
                context.warnings());
    }

    @Test
    void isFoundByTheServiceLoader() {
        List<String> names = new ArrayList<>();
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            for (ModelFactory f : plugin.getModelFactories()) {
                names.add(f.name());
                assertEquals(List.of(), f.trainingOptions(), "naive Bayes is not trained iteratively");
            }
        }
        assertEquals(List.of("naive-bayes"), names);
    }
}
