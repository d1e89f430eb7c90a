package dev.quiver.engine.testdata;

import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/** A {@link FitContext} for tests: a given allocator and seed, epochs recorded, optional checkpoints. */
public class SimpleFit implements FitContext {

    private final BufferAllocator allocator;
    private final long seed;
    private final Checkpoints checkpoints;
    public final List<EpochStats> epochs = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();

    public SimpleFit(BufferAllocator allocator, long seed) {
        this(allocator, seed, null);
    }

    public SimpleFit(BufferAllocator allocator, long seed, Checkpoints checkpoints) {
        this.allocator = allocator;
        this.seed = seed;
        this.checkpoints = checkpoints;
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
}
