package dev.quiver.plugins.parquet.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.jni.ReservationListener;

/**
 * A cap on the native memory one Parquet reader's Arrow C++ side allocates (decoded pages, read-ahead batches),
 * which no Java {@link org.apache.arrow.memory.BufferAllocator} sees until a batch is handed over: every native
 * allocation of the {@link #pool()} is reserved here first, and one past the cap is refused, which fails the scan.
 * The batches handed to Java are counted by the reader's Java allocator as usual.
 *
 * <p>Arrow C++ calls {@link ReservationListener} from its own threads, hence the atomics. The pool is closed with
 * {@link #close()}, after everything made from it.
 */
public final class NativeBudget implements ReservationListener, AutoCloseable {

    private final long limit;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean exceeded;
    private final NativeMemoryPool pool;

    public NativeBudget(long limit) {
        this.limit = limit;
        this.pool = NativeMemoryPool.createListenable(this);
    }

    public NativeMemoryPool pool() {
        return pool;
    }

    @Override
    public void reserve(long size) {
        long now = reserved.addAndGet(size);
        if (now > limit) {
            reserved.addAndGet(-size);
            exceeded = true;
            throw new IllegalStateException("native memory cap of " + limit + " bytes reached");
        }
        peak.accumulateAndGet(now, Math::max);
    }

    @Override
    public void unreserve(long size) {
        reserved.addAndGet(-size);
    }

    /** Whether an allocation was refused: the failure that followed is this cap's doing. */
    public boolean exceeded() {
        return exceeded;
    }

    /** The most native memory held at once so far. */
    public long peak() {
        return peak.get();
    }

    public long limit() {
        return limit;
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release Arrow's native memory pool", e);
        }
    }
}
