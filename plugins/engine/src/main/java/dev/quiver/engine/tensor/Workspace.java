package dev.quiver.engine.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A step-scoped arena of float buffers, so that a training loop that builds the same graph every step reuses
 * the same arrays instead of allocating new ones: the i-th buffer asked for after {@link #reset()} is the i-th
 * buffer of the previous step whenever it is large enough.
 *
 * <p>Tensor ops take their buffers from the workspace {@linkplain #activate() active} on the calling thread, or
 * from the heap when none is. A workspace is confined to one thread; its buffers are valid until the next
 * {@link #reset()}, so nothing computed in a step may be kept past it without copying.
 */
public final class Workspace implements AutoCloseable {

    private static final ThreadLocal<Workspace> ACTIVE = new ThreadLocal<>();

    private final List<float[]> buffers = new ArrayList<>();
    private int next;
    private Workspace previous;

    /** Makes this the calling thread's workspace until {@link #close()}, starting a new step. */
    public Workspace activate() {
        previous = ACTIVE.get();
        ACTIVE.set(this);
        reset();
        return this;
    }

    /** Starts a new step: every buffer may be handed out again. */
    public void reset() {
        next = 0;
    }

    @Override
    public void close() {
        ACTIVE.set(previous);
        previous = null;
    }

    /** A buffer of at least {@code size} floats with undefined contents. */
    float[] take(int size) {
        if (next < buffers.size()) {
            float[] b = buffers.get(next);
            if (b.length < size) {
                b = new float[size];
                buffers.set(next, b);
            }
            next++;
            return b;
        }
        float[] b = new float[size];
        buffers.add(b);
        next++;
        return b;
    }

    /** From the active workspace, or the heap. */
    static float[] buffer(int size) {
        Workspace w = ACTIVE.get();
        return w == null ? new float[size] : w.take(size);
    }

    /** A zeroed buffer, from the active workspace or the heap. */
    static float[] zeros(int size) {
        Workspace w = ACTIVE.get();
        if (w == null) {
            return new float[size];
        }
        float[] b = w.take(size);
        Arrays.fill(b, 0, size, 0f);
        return b;
    }
}
