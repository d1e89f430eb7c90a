package dev.quiver.engine.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * A step-scoped arena of float buffers (and of int buffers, for index maps such as broadcast offsets), so that
 * a training loop that builds the same graph every step reuses the same arrays instead of allocating new ones:
 * the i-th buffer of a kind asked for after {@link #reset()} is the i-th buffer of that kind of the previous step
 * whenever it is large enough.
 *
 * <p>Tensor ops take their buffers from the workspace {@linkplain #activate() active} on the calling thread, or
 * from the heap when none is. A workspace is confined to one thread; its buffers are valid until the next
 * {@link #reset()}, so nothing computed in a step may be kept past it without copying.
 */
public final class Workspace implements AutoCloseable {

    private static final ThreadLocal<Workspace> ACTIVE = new ThreadLocal<>();

    private final Pool<float[]> floats = new Pool<>(float[]::new, b -> b.length);
    private final Pool<int[]> ints = new Pool<>(int[]::new, b -> b.length);
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
        floats.next = 0;
        ints.next = 0;
    }

    @Override
    public void close() {
        ACTIVE.set(previous);
        previous = null;
    }

    /** A buffer of at least {@code size} floats with undefined contents. */
    float[] take(int size) {
        return floats.take(size);
    }

    /** An int buffer from the active workspace, or the heap, with undefined contents. */
    static int[] indices(int size) {
        Workspace w = ACTIVE.get();
        return w == null ? new int[size] : w.ints.take(size);
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

    /** The arrays of one kind, handed out in order since the last reset and kept for the next step. */
    private static final class Pool<T> {
        private final List<T> arrays = new ArrayList<>();
        private final IntFunction<T> allocate;
        private final ToIntFunction<T> length;
        private int next;

        Pool(IntFunction<T> allocate, ToIntFunction<T> length) {
            this.allocate = allocate;
            this.length = length;
        }

        T take(int size) {
            if (next == arrays.size()) {
                arrays.add(allocate.apply(size));
            } else if (length.applyAsInt(arrays.get(next)) < size) {
                arrays.set(next, allocate.apply(size));
            }
            return arrays.get(next++);
        }
    }
}
