package dev.quiver.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.config.Option;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.TestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every optimizer plugin must do, as tests its own test class inherits:
 *
 * <pre>{@code
 * class AdamConformanceTest extends OptimizerConformance {
 *     protected OptimizerFactory factory() { return AdamFactory.adam(); }
 *     protected Map<String, Object> config() { return Map.of("lr", 0.05); }
 * }
 * }</pre>
 *
 * <p>The objective is the quadratic {@code f(x) = 1/2 sum a_i (x_i - c_i)^2} over a weight of three values and a
 * bias of one, whose gradient the kit writes before every step. The kit checks that {@link #steps()} steps from
 * zero reach the minimum within {@link #tolerance()}; that runs started from one configured optimizer share no
 * state (two interleaved runs each equal a run alone, bit for bit, also from four threads); that a checkpoint
 * saved mid-run and restored into a new run continues bit for bit as the uninterrupted run; that the learning
 * rate is the configured one, a rate set on the run is used and a negative one refused; and that each of
 * {@link #invalidOptions()} is a config problem naming its key. Optional features are listed in
 * {@link #capabilities()} (see {@link OptimizerCapability}); a missing one must be refused, not ignored.
 */
public abstract class OptimizerConformance {

    private static final float[] CURVATURE = {1f, 4f, 0.25f, 2f};
    private static final float[] MINIMUM = {1f, -2f, 3f, 0.5f};

    /** The factory under test. */
    protected abstract OptimizerFactory factory();

    /** The options the convergence and other tests use (a learning rate that suits the quadratic). */
    protected abstract Map<String, Object> config();

    /** What the optimizer supports; the kit checks that the others are refused. */
    protected List<OptimizerCapability> capabilities() {
        return List.of(OptimizerCapability.WEIGHT_DECAY, OptimizerCapability.MAXIMIZE, OptimizerCapability.CHECKPOINT);
    }

    /** Steps the convergence test takes. */
    protected int steps() {
        return 2000;
    }

    /** How close to the minimum each coordinate must end. */
    protected double tolerance() {
        return 1e-2;
    }

    /**
     * Single bad options, each expected to be a config problem that names its key: by default a negative, a
     * non-finite and a textual learning rate (and a negative weight decay when the optimizer has one).
     */
    protected List<Map.Entry<String, Object>> invalidOptions() {
        List<Map.Entry<String, Object>> bad =
                new ArrayList<>(List.of(Map.entry("lr", -0.1), Map.entry("lr", Double.NaN), Map.entry("lr", "fast")));
        if (supports(OptimizerCapability.WEIGHT_DECAY)) {
            bad.add(Map.entry("weightDecay", -1.0));
        }
        return bad;
    }

    private boolean supports(OptimizerCapability capability) {
        return capabilities().contains(capability);
    }

    private boolean declares(String option) {
        return factory().options().stream().map(Option::name).anyMatch(option::equals);
    }

    /** The optimizer made from {@link #config()} with {@code extra} options added; fails on any config problem. */
    protected final Optimizer create(Object... extra) {
        Map<String, Object> values = new LinkedHashMap<>(config());
        for (int i = 0; i < extra.length; i += 2) {
            values.put((String) extra[i], extra[i + 1]);
        }
        MapConfig config = new MapConfig("training.optimizer", values);
        Optimizer optimizer = factory().create(config, new TestContext());
        config.assertNoProblems();
        return optimizer;
    }

    /** A weight of three values and a bias of one, all zero. */
    private static List<Parameter> parameters() {
        return List.of(
                new Parameter("w", new float[3], new float[3], false),
                new Parameter("b", new float[1], new float[1], true));
    }

    private static List<Parameter> copy(List<Parameter> parameters) {
        return parameters.stream()
                .map(p -> new Parameter(p.name(), p.value().clone(), new float[p.value().length], p.bias()))
                .toList();
    }

    /** Writes the quadratic's gradient into each parameter and returns the objective's value. */
    private static double feedGradients(List<Parameter> parameters) {
        double value = 0;
        int i = 0;
        for (Parameter p : parameters) {
            for (int j = 0; j < p.value().length; j++, i++) {
                float d = p.value()[j] - MINIMUM[i];
                p.gradient()[j] = CURVATURE[i] * d;
                value += 0.5 * CURVATURE[i] * d * d;
            }
        }
        return value;
    }

    private static void run(OptimizerRun run, List<Parameter> parameters, int steps) {
        for (int s = 0; s < steps; s++) {
            feedGradients(parameters);
            run.step();
        }
    }

    private static float[] values(List<Parameter> parameters) {
        float[] out = new float[MINIMUM.length];
        int i = 0;
        for (Parameter p : parameters) {
            for (float v : p.value()) {
                out[i++] = v;
            }
        }
        return out;
    }

    @Test
    void convergesOnAQuadratic() {
        List<Parameter> parameters = parameters();
        OptimizerRun run = create().start(parameters);
        double start = feedGradients(parameters);
        run(run, parameters, steps());
        float[] end = values(parameters);
        for (int i = 0; i < end.length; i++) {
            assertEquals(MINIMUM[i], end[i], tolerance(), "coordinate " + i + " after " + steps() + " steps");
        }
        assertTrue(feedGradients(parameters) < start, "the objective must go down");
    }

    @Test
    void runsOfOneOptimizerShareNoState() {
        Optimizer optimizer = create();
        List<Parameter> alone = parameters();
        run(optimizer.start(alone), alone, 50);

        List<Parameter> first = parameters();
        List<Parameter> second = parameters();
        OptimizerRun a = optimizer.start(first);
        run(a, first, 10);
        OptimizerRun b = optimizer.start(second);
        for (int s = 0; s < 50; s++) {
            if (s < 40) {
                run(a, first, 1);
            }
            run(b, second, 1);
        }
        assertArrayEquals(values(alone), values(first), "a run interleaved with another must equal a run alone");
        assertArrayEquals(values(alone), values(second), "a run started later must not see an earlier run's state");
    }

    @Test
    void runsOnFourThreadsAtOnceEqualARunAlone() throws Exception {
        Optimizer optimizer = create();
        List<Parameter> alone = parameters();
        run(optimizer.start(alone), alone, 200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int task = 0; task < 16; task++) {
                results.add(pool.submit(() -> {
                    List<Parameter> mine = parameters();
                    run(optimizer.start(mine), mine, 200);
                    return values(mine);
                }));
            }
            for (Future<float[]> result : results) {
                assertArrayEquals(values(alone), result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aRestoredCheckpointContinuesBitForBit() {
        List<Parameter> straight = parameters();
        run(create().start(straight), straight, 60);

        List<Parameter> first = parameters();
        OptimizerRun before = create().start(first);
        run(before, first, 25);
        MemoryState checkpoint = new MemoryState();
        if (!supports(OptimizerCapability.CHECKPOINT)) {
            UnsupportedOperationException e =
                    assertThrows(UnsupportedOperationException.class, () -> before.save(checkpoint));
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "say why a checkpoint is impossible");
            return;
        }
        before.save(checkpoint);
        List<Parameter> resumed = copy(first); // a new process: new arrays holding the checkpointed values
        run(before, first, 5); // the saved state must not follow the run's later steps
        OptimizerRun after = create().start(resumed);
        after.restore(checkpoint.reader());
        run(after, resumed, 35);
        assertArrayEquals(values(straight), values(resumed), "save at step 25, restore, 35 more = 60 straight");
    }

    @Test
    void theLearningRateIsTheConfiguredOneAndCanBeSet() {
        Optimizer optimizer = create();
        if (config().get("lr") instanceof Number lr) {
            assertEquals(lr.doubleValue(), optimizer.learningRate(), "learningRate() is the configured lr");
        }
        List<Parameter> parameters = parameters();
        OptimizerRun run = optimizer.start(parameters);
        assertEquals(optimizer.learningRate(), run.learningRate(), "a run starts at the optimizer's rate");
        run(run, parameters, 3);
        float[] before = values(parameters);
        run.setLearningRate(0.0);
        assertEquals(0.0, run.learningRate());
        run(run, parameters, 3);
        assertArrayEquals(before, values(parameters), "with a learning rate of 0 a step must not move anything");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.setLearningRate(-1.0));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> run.setLearningRate(Double.NaN));
    }

    @Test
    void invalidHyperParametersAreProblemsNamingTheirKey() {
        for (Map.Entry<String, Object> bad : invalidOptions()) {
            Map<String, Object> values = new LinkedHashMap<>(config());
            values.put(bad.getKey(), bad.getValue());
            MapConfig config = new MapConfig("training.optimizer", values);
            factory().create(config, new TestContext());
            String key = "training.optimizer." + bad.getKey();
            assertTrue(
                    config.messages().stream().anyMatch(m -> m.startsWith(key + ":")),
                    bad + " must be a problem at " + key + ", got " + config.messages());
        }
    }

    @Test
    void weightDecayPullsWeightsTowardZero() {
        if (!supports(OptimizerCapability.WEIGHT_DECAY)) {
            assertFalse(declares("weightDecay"), "without WEIGHT_DECAY the option must not be declared");
            return;
        }
        List<Parameter> parameters = List.of(new Parameter("w", new float[] {2f, -3f}, new float[2], false));
        OptimizerRun run = create("weightDecay", 0.1).start(parameters);
        for (int s = 0; s < 5; s++) {
            run.step(); // the gradient stays zero: only the decay moves the weights
        }
        assertTrue(
                parameters.get(0).value()[0] < 2f && parameters.get(0).value()[0] > 0f,
                "w0 " + parameters.get(0).value()[0]);
        assertTrue(
                parameters.get(0).value()[1] > -3f && parameters.get(0).value()[1] < 0f,
                "w1 " + parameters.get(0).value()[1]);
    }

    @Test
    void maximizeClimbsTheObjective() {
        if (!supports(OptimizerCapability.MAXIMIZE)) {
            assertFalse(declares("maximize"), "without MAXIMIZE the option must not be declared");
            return;
        }
        List<Parameter> parameters = parameters();
        OptimizerRun run = create("maximize", true).start(parameters);
        double start = feedGradients(parameters);
        run(run, parameters, 5);
        assertTrue(feedGradients(parameters) > start, "maximize: true must climb the objective");
    }
}
