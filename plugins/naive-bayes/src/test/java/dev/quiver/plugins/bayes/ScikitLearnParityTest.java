package dev.quiver.plugins.bayes;

import dev.quiver.api.model.Model;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** predict_proba of each kind against scikit-learn's GaussianNB, MultinomialNB and BernoulliNB. */
@ExtendWith(LeakCheckExtension.class)
class ScikitLearnParityTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("gaussian-iris", MapConfig.of(), Fitting.iris(), "species"),
                Arguments.of(
                        "gaussian-iris-priors",
                        MapConfig.of("priors", List.of(0.2, 0.3, 0.5), "varSmoothing", 1e-3),
                        Fitting.iris(),
                        "species"),
                Arguments.of(
                        "bernoulli-iris",
                        MapConfig.of("kind", "bernoulli", "alpha", 0.5, "binarize", 2.5),
                        Fitting.iris(),
                        "species"),
                Arguments.of("multinomial-spam", MapConfig.of("kind", "multinomial"), Fitting.spam(), "label"),
                Arguments.of(
                        "multinomial-spam-uniform",
                        MapConfig.of("kind", "multinomial", "alpha", 0.5, "fitPriors", false),
                        Fitting.spam(),
                        "label"),
                Arguments.of(
                        "bernoulli-spam", MapConfig.of("kind", "bernoulli", "alpha", 1.0), Fitting.spam(), "label"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void probabilitiesMatchScikitLearn(
            String golden, MapConfig config, TableData table, String target, BufferAllocator allocator) {
        Model model = Fitting.fit(config, table, target, allocator);
        try (VectorSchemaRoot predictions = Fitting.predict(model, table, allocator)) {
            Golden.read(golden).assertMatches(predictions);
        }
    }
}
