package dev.quiver.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Schedule;
import dev.quiver.api.optim.Scheduler;
import dev.quiver.optim.optimizer.Sgd;
import dev.quiver.testing.MemoryState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step-wise warm-up, horizons taken from the training, and checkpointing of schedulers. */
class SchedulerTest {

    private static OptimizerRun run(double lr) {
        return new Sgd(Sgd.Settings.defaults().withLr(lr)).start(List.of());
    }

    @Test
    void stepWarmupRampsPerStepThenDecaysPerEpoch() {
        WarmupDecay schedule = new WarmupDecay(0, 4, 0.2, WarmupDecay.Decay.LINEAR, 10, 0.0);
        OptimizerRun run = run(1.0);
        Scheduler scheduler = schedule.start(run, 50);
        List<Double> rates = new ArrayList<>();
        for (int step = 0; step < 6; step++) {
            rates.add(run.learningRate());
            scheduler.stepEnded();
        }
        assertEquals(
                List.of(0.2, 0.4, 0.6, 0.8, 1.0, 1.0),
                rates.stream().map(SchedulerTest::round).toList());
        scheduler.epochEnded(Double.NaN);
        assertEquals(0.9, run.learningRate(), 1e-12);
        for (int epoch = 1; epoch < 12; epoch++) {
            scheduler.epochEnded(Double.NaN);
        }
        assertEquals(0.0, run.learningRate(), 1e-12);
    }

    private static double round(double v) {
        return Math.round(v * 1e12) / 1e12;
    }

    @Test
    void horizonsDefaultToTheTrainingsEpochs() {
        OptimizerRun cosine = run(1.0);
        Scheduler scheduler = new CosineAnnealing(0, 0.0).start(cosine, 4);
        scheduler.epochEnded(Double.NaN);
        scheduler.epochEnded(Double.NaN);
        assertEquals(0.5, cosine.learningRate(), 1e-12);

        OptimizerRun warm = run(1.0);
        Scheduler warmup = new WarmupDecay(2, 0, 0.5, WarmupDecay.Decay.LINEAR, 0, 0.0).start(warm, 6);
        List<Double> rates = new ArrayList<>();
        for (int epoch = 0; epoch < 7; epoch++) {
            rates.add(round(warm.learningRate()));
            warmup.epochEnded(Double.NaN);
        }
        assertEquals(List.of(0.5, 0.75, 1.0, 0.75, 0.5, 0.25, 0.0), rates);
    }

    @Test
    void constantKeepsTheOptimizersRate() {
        OptimizerRun run = run(0.3);
        Scheduler scheduler = Schedules.constant().start(run, 10);
        scheduler.stepEnded();
        scheduler.epochEnded(1.0);
        assertEquals(0.3, run.learningRate());
    }

    @Test
    void savedSchedulerContinuesExactly() {
        List<Schedule> schedules = List.of(
                new StepDecay(3, 0.5),
                new CosineAnnealing(7, 0.01),
                new WarmupDecay(0, 5, 0.1, WarmupDecay.Decay.COSINE, 12, 0.05),
                new ReduceOnPlateau(
                        ReduceOnPlateau.Mode.MIN, 0.5, 1, 1e-4, ReduceOnPlateau.ThresholdMode.REL, 1, 0.0, 1e-8));
        for (Schedule schedule : schedules) {
            OptimizerRun straight = run(0.1);
            Scheduler uninterrupted = schedule.start(straight, 20);
            List<Double> expected = drive(uninterrupted, straight, 0, 20);

            OptimizerRun first = run(0.1);
            Scheduler before = schedule.start(first, 20);
            List<Double> rates = new ArrayList<>(drive(before, first, 0, 9));
            MemoryState state = new MemoryState();
            before.save(state);
            OptimizerRun second = run(0.1);
            Scheduler after = schedule.start(second, 20);
            after.restore(state.reader());
            rates.addAll(drive(after, second, 9, 20));
            assertEquals(expected, rates, schedule.toString());
        }
    }

    /** Epochs {@code from..to-1} with two steps each and a loss that plateaus; the rate of each epoch. */
    private static List<Double> drive(Scheduler scheduler, OptimizerRun run, int from, int to) {
        List<Double> rates = new ArrayList<>();
        for (int epoch = from; epoch < to; epoch++) {
            rates.add(run.learningRate());
            scheduler.stepEnded();
            scheduler.stepEnded();
            scheduler.epochEnded(1.0 / Math.min(epoch + 1, 4));
        }
        return rates;
    }

    @Test
    void plateauTreatsNaNAsNoImprovement() {
        OptimizerRun run = run(1.0);
        Scheduler scheduler = ReduceOnPlateau.defaults().start(run, 100);
        for (int epoch = 0; epoch < 11; epoch++) {
            scheduler.epochEnded(Double.NaN);
        }
        assertEquals(0.1, run.learningRate(), 1e-15);
    }

    @Test
    void recordsCheckTheirArguments() {
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.0));
        assertThrows(IllegalArgumentException.class, () -> new MultiStepDecay(List.of(-1), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new WarmupDecay(2, 3, 0.5, WarmupDecay.Decay.NONE, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new WarmupDecay(2, 0, 0.0, WarmupDecay.Decay.NONE, 0, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReduceOnPlateau(
                        ReduceOnPlateau.Mode.MIN, 1.0, 10, 1e-4, ReduceOnPlateau.ThresholdMode.REL, 0, 0, 1e-8));
    }
}
