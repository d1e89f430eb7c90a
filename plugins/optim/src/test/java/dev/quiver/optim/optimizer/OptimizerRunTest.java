package dev.quiver.optim.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.optim.Golden;
import dev.quiver.testing.MemoryState;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Checkpointing, learning-rate changes and the no-allocation promise of optimizer runs. */
class OptimizerRunTest {

    @TestFactory
    Stream<DynamicTest> saveRestoreContinueEqualsUninterruptedRun() {
        return Trajectories.CASES.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    int steps = c.integer("steps", 0);
                    int half = steps / 2;

                    List<Parameter> straight = Trajectories.parameters(c);
                    OptimizerRun uninterrupted = Trajectories.optimizer(c).start(straight);
                    run(c, uninterrupted, straight, 0, steps);

                    List<Parameter> first = Trajectories.parameters(c);
                    OptimizerRun before = Trajectories.optimizer(c).start(first);
                    run(c, before, first, 0, half);
                    MemoryState checkpoint = new MemoryState();
                    before.save(checkpoint);

                    // a new process: new arrays holding the checkpointed values, a new run restored from the state
                    List<Parameter> resumed = first.stream()
                            .map(p -> new Parameter(p.name(), p.value().clone(), new float[p.value().length], p.bias()))
                            .toList();
                    OptimizerRun after = Trajectories.optimizer(c).start(resumed);
                    after.restore(checkpoint.reader());
                    run(c, after, resumed, half, steps);

                    for (int i = 0; i < straight.size(); i++) {
                        assertArrayEquals(
                                straight.get(i).value(), resumed.get(i).value(), c.name());
                    }
                }));
    }

    private static void run(Golden.Case c, OptimizerRun run, List<Parameter> parameters, int from, int to) {
        for (int step = from; step < to; step++) {
            Trajectories.feedGradients(c, step, parameters);
            run.step();
        }
    }

    @Test
    void restoreKeepsTheLearningRateAScheduleSet() {
        List<Parameter> parameters = List.of(parameter("w", false, 1f, 2f));
        OptimizerRun run = Adam.defaults().start(parameters);
        run.setLearningRate(0.25);
        MemoryState state = new MemoryState();
        run.save(state);
        OptimizerRun restored = Adam.defaults().start(parameters);
        restored.restore(state.reader());
        assertEquals(0.25, restored.learningRate());
    }

    @Test
    void learningRateSetBetweenStepsIsUsed() {
        Parameter p = parameter("w", false, 1f);
        OptimizerRun run = new Sgd(Sgd.Settings.defaults().withLr(0.5)).start(List.of(p));
        p.gradient()[0] = 1f;
        run.step();
        assertEquals(0.5f, p.value()[0]);
        run.setLearningRate(0.25);
        run.step();
        assertEquals(0.25f, p.value()[0]);
        assertThrows(IllegalArgumentException.class, () -> run.setLearningRate(-1.0));
        assertThrows(IllegalArgumentException.class, () -> run.setLearningRate(Double.NaN));
    }

    @Test
    void runsOfOneOptimizerAreIndependent() {
        Adam adam = Adam.defaults();
        Parameter a = parameter("w", false, 1f);
        Parameter b = parameter("w", false, 1f);
        OptimizerRun runA = adam.start(List.of(a));
        OptimizerRun runB = adam.start(List.of(b));
        a.gradient()[0] = 1f;
        b.gradient()[0] = 1f;
        runA.step();
        runA.step();
        runB.step();
        assertNotEquals(a.value()[0], b.value()[0]);
    }

    @Test
    void duplicateParameterNamesAreRejectedBecauseCheckpointsKeyOnThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Adam.defaults()
                .start(List.of(parameter("w", false, 1f), parameter("w", true, 2f))));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void restoringStateOfOtherShapesFailsAndChangesNothing() {
        Parameter smallWeight = parameter("w", false, 1f);
        OptimizerRun small = Adam.defaults().start(List.of(smallWeight, parameter("b", true, 1f)));
        smallWeight.gradient()[0] = 3f;
        small.step();
        small.step();
        MemoryState state = new MemoryState();
        small.save(state);

        // "w" fits the checkpoint, "b" does not: the failed restore must not have taken w's moments
        Parameter w = parameter("w", false, 1f);
        OptimizerRun large = Adam.defaults().start(List.of(w, parameter("b", true, 1f, 2f)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> large.restore(state.reader()));
        assertTrue(e.getMessage().contains("has 1 values"), e.getMessage());
        Parameter fresh = parameter("w", false, 1f);
        OptimizerRun untouched = Adam.defaults().start(List.of(fresh));
        w.gradient()[0] = 1f;
        fresh.gradient()[0] = 1f;
        large.step();
        untouched.step();
        assertEquals(fresh.value()[0], w.value()[0]);
    }

    @Test
    void noBiasDecayExemptsOnlyBiases() {
        Parameter weight = parameter("w", false, 1f);
        Parameter bias = parameter("b", true, 1f);
        Sgd.Settings settings = new Sgd.Settings(0.5, 0.0, 0.0, false, 0.1, false, false);
        new Sgd(settings).start(List.of(weight, bias)).step();
        assertEquals(1f - 0.5f * 0.1f, weight.value()[0]);
        assertEquals(1f, bias.value()[0]);
    }

    @Test
    void stepsDoNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<OptimizerRun> runs = Stream.of(
                        new Sgd(new Sgd.Settings(0.01, 0.9, 0.0, true, 0.01, false, true)),
                        new Adam(Adam.Settings.adamW().withLr(0.01)),
                        new Adam(new Adam.Settings(0.01, 0.9, 0.999, 1e-8, 0.0, false, true, false, true)),
                        new RmsProp(new RmsProp.Settings(0.01, 0.99, 1e-8, 0.01, 0.9, true, false, true)),
                        new Adagrad(Adagrad.Settings.defaults()))
                .map(o -> o.start(List.of(parameter("w", false, new float[256]), parameter("b", true, 1f, 2f))))
                .toList();
        for (OptimizerRun run : runs) {
            for (int i = 0; i < 2000; i++) { // warm up: JIT compilation, class loading
                run.step();
            }
        }
        long thread = Thread.currentThread().getId();
        for (OptimizerRun run : runs) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 1000; i++) {
                run.step();
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 1024, run.getClass().getSimpleName() + " allocated " + allocated + " bytes");
        }
    }

    private static Parameter parameter(String name, boolean bias, float... values) {
        return new Parameter(name, values, new float[values.length], bias);
    }
}
