package dev.quiver.runtime.exec.internal;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A source that counts the rows and batches read through it, for telemetry and the training throughput.
 * Thread-safe (readers on several threads add to the same counters).
 */
public final class CountingSource implements Source {

    private final Source base;
    private final RunTelemetry telemetry;
    private final String stage;
    private final LongAdder rows = new LongAdder();

    public CountingSource(Source base, RunTelemetry telemetry, String stage) {
        this.base = base;
        this.telemetry = telemetry;
        this.stage = stage;
    }

    /** Rows read so far, over every pass. */
    public long rowsRead() {
        return rows.sum();
    }

    @Override
    public Schema schema() {
        return base.schema();
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        BatchReader reader = base.open(allocator);
        return new BatchReader() {
            @Override
            public VectorSchemaRoot root() {
                return reader.root();
            }

            @Override
            public boolean loadNextBatch() {
                boolean more = reader.loadNextBatch();
                if (more) {
                    int count = reader.root().getRowCount();
                    rows.add(count);
                    telemetry.batch(stage, count);
                }
                return more;
            }

            @Override
            public long line(int row) {
                return reader.line(row);
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Override
    public OptionalLong rowCount() {
        return base.rowCount();
    }

    @Override
    public String describe() {
        return base.describe();
    }
}
