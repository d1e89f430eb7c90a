package dev.quiver.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.QuiverException;
import dev.quiver.api.optim.Schedule;
import dev.quiver.testing.MapConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading {@code schedule:} mappings: every option, and every mistake as a located problem. */
class SchedulesConfigTest {

    private static Schedule read(MapConfig config) {
        return Schedules.fromConfig(config);
    }

    private static void assertProblem(MapConfig config, String key, String text) {
        read(config);
        assertTrue(
                config.messages().stream().anyMatch(m -> m.startsWith(key + ":") && m.contains(text)),
                () -> "expected a problem at " + key + " containing '" + text + "', got " + config.messages());
    }

    private static void assertStops(MapConfig config, String key, String text) {
        assertThrows(QuiverException.class, () -> read(config));
        assertTrue(
                config.messages().stream().anyMatch(m -> m.startsWith(key + ":") && m.contains(text)),
                () -> "expected a problem at " + key + " containing '" + text + "', got " + config.messages());
    }

    @Test
    void readsEveryType() {
        assertEquals(new Constant(), read(MapConfig.of()));
        assertEquals(new StepDecay(5, 0.1), read(MapConfig.of("type", "step", "stepSize", 5)));
        assertEquals(
                new MultiStepDecay(List.of(2, 4), 0.5),
                read(MapConfig.of("type", "multi-step", "milestones", List.of(2, 4), "gamma", 0.5)));
        assertEquals(new ExponentialDecay(0.9), read(MapConfig.of("type", "exponential", "gamma", 0.9)));
        assertEquals(new CosineAnnealing(0, 0.0), read(MapConfig.of("type", "cosine")));
        assertEquals(
                new WarmupDecay(0, 100, 1.0 / 3.0, WarmupDecay.Decay.COSINE, 0, 0.0),
                read(MapConfig.of("type", "warmup-linear", "warmupSteps", 100, "decay", "cosine")));
        assertEquals(
                new ReduceOnPlateau(
                        ReduceOnPlateau.Mode.MAX, 0.5, 3, 0.01, ReduceOnPlateau.ThresholdMode.ABS, 2, 1e-5, 1e-9),
                read(MapConfig.of(
                        "type",
                        "reduce-on-plateau",
                        "mode",
                        "max",
                        "factor",
                        0.5,
                        "patience",
                        3,
                        "threshold",
                        0.01,
                        "thresholdMode",
                        "abs",
                        "cooldown",
                        2,
                        "minLr",
                        1e-5,
                        "eps",
                        1e-9)));
        assertEquals(ReduceOnPlateau.defaults(), read(MapConfig.of("type", "reduce-on-plateau")));
    }

    @Test
    void unknownTypeAndKeysGetADidYouMean() {
        assertProblem(MapConfig.of("type", "cosin"), "type", "did you mean 'cosine'?");
        assertProblem(MapConfig.of("type", "step", "stepSize", 3, "gama", 0.5), "gama", "did you mean 'gamma'?");
        assertProblem(MapConfig.of("type", "cosine", "stepSize", 3), "stepSize", "for schedule type 'cosine'");
    }

    @Test
    void outOfRangeValuesAreProblems() {
        // required options have no default to go on with: the problem is recorded, then reading stops
        assertStops(MapConfig.of("type", "step", "stepSize", 0), "stepSize", ">= 1");
        assertStops(MapConfig.of("type", "exponential", "gamma", -0.5), "gamma", "> 0");
        assertProblem(MapConfig.of("type", "step", "stepSize", 2, "gamma", 0), "gamma", "> 0");
        assertProblem(MapConfig.of("type", "reduce-on-plateau", "factor", 1.0), "factor", "in [0, 1)");
        assertProblem(MapConfig.of("type", "reduce-on-plateau", "mode", "minimum"), "mode", "[min, max]");
        assertProblem(MapConfig.of("type", "warmup-linear", "startFactor", 0.0), "startFactor", "in (0, 1]");
        assertProblem(MapConfig.of("type", "multi-step", "milestones", List.of(5, 3)), "milestones", "increasing");
    }

    @Test
    void infiniteValuesAreProblemsNotCrashes() {
        double inf = Double.POSITIVE_INFINITY;
        assertProblem(MapConfig.of("type", "step", "stepSize", 2, "gamma", inf), "gamma", "expected a finite number");
        assertProblem(MapConfig.of("type", "reduce-on-plateau", "minLr", inf), "minLr", "expected a finite number");
        assertProblem(MapConfig.of("type", "cosine", "etaMin", inf), "etaMin", "expected a finite number");
    }

    @Test
    void crossOptionRulesAreProblems() {
        assertProblem(
                MapConfig.of("type", "warmup-linear", "warmupEpochs", 2, "warmupSteps", 10), "warmupSteps", "not both");
        assertProblem(
                MapConfig.of("type", "warmup-linear", "warmupEpochs", 10, "epochs", 10),
                "warmupEpochs",
                "less than epochs");
    }

    @Test
    void missingRequiredOptionsStopWithAConfigError() {
        MapConfig config = MapConfig.of("type", "step");
        assertThrows(QuiverException.class, () -> read(config));
        assertTrue(config.messages().get(0).contains("missing required option 'stepSize'"));
        assertThrows(QuiverException.class, () -> read(MapConfig.of("type", "exponential")));
        assertThrows(QuiverException.class, () -> read(MapConfig.of("type", "multi-step")));
    }
}
