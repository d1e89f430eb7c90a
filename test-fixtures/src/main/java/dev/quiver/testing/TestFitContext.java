package dev.quiver.testing;

import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.TrainingSetup;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A {@link FitContext} for trainer tests: a given allocator and seed, an optional training setup (see
 * {@link TestTraining}), optional checkpoints (such as {@link MemoryCheckpoints}), and the reported epochs and
 * warnings collected for assertions. Thread-safe collection, so a test may fit from several threads. Not final: a
 * test may override {@link #epochEnded} to stop a fit part-way, as a killed run would.
 */
public class TestFitContext implements FitContext {

    private final BufferAllocator allocator;
    private final long seed;
    private final TrainingSetup training;
    private final Checkpoints checkpoints;
    private final List<EpochStats> epochs = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();

    public TestFitContext(BufferAllocator allocator) {
        this(allocator, 42L);
    }

    public TestFitContext(BufferAllocator allocator, long seed) {
        this(allocator, seed, (TrainingSetup) null, null);
    }

    /** @param training the setup an iteratively trained model fits with, or null */
    public TestFitContext(BufferAllocator allocator, long seed, TrainingSetup training) {
        this(allocator, seed, training, null);
    }

    /** @param checkpoints where the trainer saves and resumes, or null for none */
    public TestFitContext(BufferAllocator allocator, long seed, Checkpoints checkpoints) {
        this(allocator, seed, null, checkpoints);
    }

    /**
     * @param training the setup an iteratively trained model fits with, or null
     * @param checkpoints where the trainer saves and resumes, or null for none
     */
    public TestFitContext(BufferAllocator allocator, long seed, TrainingSetup training, Checkpoints checkpoints) {
        this.allocator = allocator;
        this.seed = seed;
        this.training = training;
        this.checkpoints = checkpoints;
    }

    @Override
    public Optional<TrainingSetup> training() {
        return Optional.ofNullable(training);
    }

    @Override
    public BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void epochEnded(EpochStats stats) {
        epochs.add(stats);
    }

    @Override
    public Optional<Checkpoints> checkpoints() {
        return Optional.ofNullable(checkpoints);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    public List<EpochStats> epochs() {
        return List.copyOf(epochs);
    }

    @Override
    public void note(String message) {
        notes.add(message);
    }

    /** What the trainer noted for the user (early stopping, the epoch kept), in order. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
