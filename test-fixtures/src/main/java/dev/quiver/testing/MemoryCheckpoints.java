package dev.quiver.testing;

import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link Checkpoints} kept in memory, for resume tests of trainers: the newest saved state survives a failed fit,
 * as a file would. Confined to the fitting thread.
 */
public final class MemoryCheckpoints implements Checkpoints {

    private final int every;
    private MemoryState latest;
    private int latestEpoch;

    public MemoryCheckpoints(int every) {
        this.every = every;
    }

    @Override
    public int every() {
        return every;
    }

    @Override
    public void save(int epoch, Consumer<StateWriter> writer) {
        MemoryState state = new MemoryState();
        writer.accept(state);
        latest = state;
        latestEpoch = epoch;
    }

    @Override
    public Optional<StateReader> latest() {
        return Optional.ofNullable(latest).map(MemoryState::reader);
    }

    /** The epoch of the newest saved state (0 before any). */
    public int latestEpoch() {
        return latestEpoch;
    }
}
