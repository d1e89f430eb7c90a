package dev.quiver.optim.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Options, defaults and the hyper-parameter checks PyTorch's constructors make, as located config problems. */
class OptimizerConfigTest {

    private static OptimizerFactory factory(String name) {
        return Optimizers.factories().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Optimizer create(String name, MapConfig config) {
        return factory(name).create(config, new TestContext());
    }

    private static void assertProblem(String name, MapConfig config, String key, String text) {
        create(name, config);
        assertTrue(
                config.messages().stream().anyMatch(m -> m.startsWith(key + ":") && m.contains(text)),
                () -> name + ": expected a problem at " + key + " containing '" + text + "', got " + config.messages());
    }

    @Test
    void defaultsArePyTorchs() {
        assertEquals(Sgd.Settings.defaults(), ((Sgd) create("sgd", MapConfig.of())).settings());
        assertEquals(1e-3, Sgd.Settings.defaults().lr());
        assertEquals(
                new Adam.Settings(1e-3, 0.9, 0.999, 1e-8, 0.0, false, false, false, true),
                ((Adam) create("adam", MapConfig.of())).settings());
        assertEquals(
                new Adam.Settings(1e-3, 0.9, 0.999, 1e-8, 0.01, true, false, false, true),
                ((Adam) create("adamw", MapConfig.of())).settings());
        assertEquals(
                new RmsProp.Settings(1e-2, 0.99, 1e-8, 0.0, 0.0, false, false, true),
                ((RmsProp) create("rmsprop", MapConfig.of())).settings());
        assertEquals(
                new Adagrad.Settings(1e-2, 0.0, 0.0, 0.0, 1e-10, false, true),
                ((Adagrad) create("adagrad", MapConfig.of())).settings());
        assertEquals(Adam.defaults().settings(), Adam.Settings.adam());
        assertEquals(Adam.adamW().settings(), Adam.Settings.adamW());
    }

    @Test
    void everyOptionIsRead() {
        Map<String, Object> sgd = Map.of(
                "lr",
                0.1,
                "momentum",
                0.9,
                "dampening",
                0.0,
                "nesterov",
                true,
                "weightDecay",
                0.01,
                "maximize",
                true,
                "decayBias",
                false);
        assertEquals(
                new Sgd.Settings(0.1, 0.9, 0.0, true, 0.01, true, false),
                ((Sgd) create("sgd", new MapConfig("", sgd))).settings());
        Map<String, Object> adam = Map.of(
                "lr",
                0.1,
                "betas",
                List.of(0.8, 0.9),
                "eps",
                1e-6,
                "weightDecay",
                0.01,
                "amsgrad",
                true,
                "maximize",
                true,
                "decayBias",
                false);
        assertEquals(
                new Adam.Settings(0.1, 0.8, 0.9, 1e-6, 0.01, false, true, true, false),
                ((Adam) create("adam", new MapConfig("", adam))).settings());
        Map<String, Object> rms = Map.of(
                "lr",
                0.1,
                "alpha",
                0.9,
                "eps",
                1e-6,
                "weightDecay",
                0.01,
                "momentum",
                0.5,
                "centered",
                true,
                "maximize",
                true,
                "decayBias",
                false);
        assertEquals(
                new RmsProp.Settings(0.1, 0.9, 1e-6, 0.01, 0.5, true, true, false),
                ((RmsProp) create("rmsprop", new MapConfig("", rms))).settings());
        Map<String, Object> adagrad = Map.of(
                "lr",
                0.1,
                "lrDecay",
                0.01,
                "weightDecay",
                0.01,
                "initialAccumulatorValue",
                0.1,
                "eps",
                1e-6,
                "maximize",
                true,
                "decayBias",
                false);
        assertEquals(
                new Adagrad.Settings(0.1, 0.01, 0.01, 0.1, 1e-6, true, false),
                ((Adagrad) create("adagrad", new MapConfig("", adagrad))).settings());
    }

    @Test
    void declaredOptionsAreExactlyTheOnesRead() {
        assertEquals(
                Set.of("lr", "momentum", "dampening", "nesterov", "weightDecay", "maximize", "decayBias"),
                names(factory("sgd")));
        assertEquals(
                Set.of("lr", "betas", "eps", "weightDecay", "amsgrad", "maximize", "decayBias"),
                names(factory("adam")));
        assertEquals(names(factory("adam")), names(factory("adamw")));
        assertEquals(
                0.01,
                factory("adamw").options().stream()
                        .filter(o -> o.name().equals("weightDecay"))
                        .findFirst()
                        .orElseThrow()
                        .defaultValue());
        assertEquals(
                Set.of("lr", "alpha", "eps", "weightDecay", "momentum", "centered", "maximize", "decayBias"),
                names(factory("rmsprop")));
        assertEquals(
                Set.of("lr", "lrDecay", "weightDecay", "initialAccumulatorValue", "eps", "maximize", "decayBias"),
                names(factory("adagrad")));
    }

    private static Set<String> names(OptimizerFactory factory) {
        return factory.options().stream().map(Option::name).collect(Collectors.toSet());
    }

    @Test
    void infiniteValuesAreProblemsNotCrashes() {
        // YAML reads .inf and 1e400 as infinity, which passes ">= 0"; the settings' own checks would throw
        double inf = Double.POSITIVE_INFINITY;
        for (String name : List.of("sgd", "adam", "adamw", "rmsprop", "adagrad")) {
            assertProblem(name, MapConfig.of("lr", inf), "lr", "expected a finite number, got Infinity");
            assertProblem(name, MapConfig.of("weightDecay", inf), "weightDecay", "expected a finite number");
        }
        assertProblem("sgd", MapConfig.of("momentum", inf), "momentum", "expected a finite number");
        assertProblem("adagrad", MapConfig.of("eps", inf), "eps", "expected a finite number");
    }

    @Test
    void negativeValuesAreRejectedAsPyTorchDoes() {
        for (String name : List.of("sgd", "adam", "adamw", "rmsprop", "adagrad")) {
            assertProblem(name, MapConfig.of("lr", -0.1), "lr", "must be >= 0");
            assertProblem(name, MapConfig.of("weightDecay", -1e-4), "weightDecay", "must be >= 0");
        }
        assertProblem("sgd", MapConfig.of("momentum", -0.5), "momentum", "must be >= 0");
        assertProblem("rmsprop", MapConfig.of("momentum", -0.5), "momentum", "must be >= 0");
        assertProblem("rmsprop", MapConfig.of("alpha", -0.5), "alpha", "must be >= 0");
        assertProblem("adam", MapConfig.of("eps", -1e-8), "eps", "must be >= 0");
        assertProblem("adagrad", MapConfig.of("lrDecay", -1.0), "lrDecay", "must be >= 0");
        assertProblem("adagrad", MapConfig.of("initialAccumulatorValue", -1.0), "initialAccumulatorValue", ">= 0");
    }

    @Test
    void betasMustBeTwoValuesInTheUnitInterval() {
        assertProblem("adam", MapConfig.of("betas", List.of(0.9, 1.0)), "betas", "in [0, 1)");
        assertProblem("adamw", MapConfig.of("betas", List.of(-0.1, 0.999)), "betas", "in [0, 1)");
        assertProblem("adam", MapConfig.of("betas", List.of(0.9)), "betas", "exactly two values");
        assertProblem("adam", MapConfig.of("betas", "fast"), "betas", "expected a number");
    }

    @Test
    void nesterovNeedsMomentumAndNoDampening() {
        assertProblem("sgd", MapConfig.of("nesterov", true), "nesterov", "requires momentum > 0");
        assertProblem(
                "sgd", MapConfig.of("nesterov", true, "momentum", 0.9, "dampening", 0.1), "nesterov", "dampening = 0");
        MapConfig fine = MapConfig.of("nesterov", true, "momentum", 0.9);
        assertTrue(((Sgd) create("sgd", fine)).settings().nesterov());
        fine.assertNoProblems();
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        MapConfig config = MapConfig.of("lr", -1.0, "betas", List.of(0.9, 2.0), "eps", -1.0, "amsgrad", "yes");
        create("adam", config);
        assertEquals(4, config.problems().size(), config.messages().toString());
    }

    @Test
    void settingsBuiltInJavaAreCheckedToo() {
        assertThrows(
                IllegalArgumentException.class, () -> Sgd.Settings.defaults().withLr(-1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd.Settings(0.1, 0.0, 0.0, true, 0.0, false, true));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Adam.Settings(0.1, 1.0, 0.999, 1e-8, 0.0, false, false, false, true));
        assertThrows(IllegalArgumentException.class, () -> Adam.Settings.adam().withWeightDecay(Double.NaN));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RmsProp.Settings(0.1, -0.1, 1e-8, 0.0, 0.0, false, false, true));
        assertThrows(
                IllegalArgumentException.class, () -> new Adagrad.Settings(0.1, 0.0, 0.0, -1.0, 1e-10, false, true));
        assertFalse(Sgd.Settings.defaults().withMomentum(0.9).nesterov());
    }
}
