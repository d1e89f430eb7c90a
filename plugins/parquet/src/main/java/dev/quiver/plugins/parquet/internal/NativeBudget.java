package dev.quiver.plugins.parquet.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.jni.ReservationListener;

/**
 * A cap on the native memory that Parquet scans allocate in Arrow C++ (decoded pages, read-ahead batches), which
 * no Java {@link org.apache.arrow.memory.BufferAllocator} sees: every allocation from the {@link #pool()} is
 * reserved here first, and one past the cap is refused, which fails the scan.
 *
 * <p>One budget, and one native pool, per cap for the whole process, never closed: Arrow C++'s read-ahead
 * threads may still free buffers into a pool after the scan that allocated them was closed, and a closed pool
 * would crash the JVM then (as {@link NativeMemoryPool#getDefault()}, these pools live as long as the process).
 * So the cap bounds the scans of every reader sharing it at once, which in a run means one or a few. Arrow C++
 * calls the {@link ReservationListener} from its own threads, hence the atomics. Thread-safe.
 */
public final class NativeBudget implements ReservationListener {

    private static final Map<Long, NativeBudget> BY_LIMIT = new ConcurrentHashMap<>();

    private final long limit;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final NativeMemoryPool pool;

    private NativeBudget(long limit) {
        this.limit = limit;
        this.pool = NativeMemoryPool.createListenable(this);
    }

    /** The process's budget of {@code limit} bytes. */
    public static NativeBudget of(long limit) {
        return BY_LIMIT.computeIfAbsent(limit, NativeBudget::new);
    }

    public NativeMemoryPool pool() {
        return pool;
    }

    @Override
    public void reserve(long size) {
        long now = reserved.addAndGet(size);
        if (now > limit) {
            reserved.addAndGet(-size);
            refusals.incrementAndGet();
            throw new IllegalStateException("native memory cap of " + limit + " bytes reached");
        }
        peak.accumulateAndGet(now, Math::max);
    }

    @Override
    public void unreserve(long size) {
        reserved.addAndGet(-size);
    }

    /** How many allocations were refused so far: a failure after this grew is the cap's doing. */
    public long refusals() {
        return refusals.get();
    }

    /** The most native memory held at once so far, by every scan of this budget. */
    public long peak() {
        return peak.get();
    }

    public long limit() {
        return limit;
    }
}
