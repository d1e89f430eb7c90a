package dev.quiver.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.testing.LeakCheckExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every source plugin must do, as tests its own test class inherits:
 *
 * <pre>{@code
 * class CsvSourceConformanceTest extends SourceConformance {
 *     protected Source source() { return new CsvSourceFactory().create(config, context); }
 * }
 * }</pre>
 *
 * <p>{@link #source()} must serve a small table in at least two batches (configure a small batch size), so that
 * batch-to-batch behaviour is exercised. The kit checks that {@code schema()} is stable and is the schema of every
 * batch; that two passes, and two readers open at once, yield identical rows (and the rows of {@link
 * #expectedRows()} when given, and {@code rowCount()} of them when known); that the reader refills one root, also
 * after a consumer transferred a batch's vectors away; that {@code loadNextBatch()} returns false at the end,
 * leaves the root empty and keeps returning false; that {@code close()} is idempotent and releases every buffer,
 * also mid-pass. Every test runs under {@link LeakCheckExtension}.
 */
@ExtendWith(LeakCheckExtension.class)
public abstract class SourceConformance {

    /** A fresh source over the table under test; called once per test, or more. */
    protected abstract Source source();

    /**
     * The rows the source must yield, one list of cells per row: {@code Long}, {@code Double},
     * {@code Boolean}, {@code String} or null, as {@link #cells} reads them. Empty (the default) skips the
     * content check, for sources whose data is not known in advance.
     */
    protected Optional<List<List<Object>>> expectedRows() {
        return Optional.empty();
    }

    @Test
    void schemaIsStableAndIsTheSchemaOfEveryBatch(BufferAllocator allocator) {
        Source source = source();
        Schema schema = source.schema();
        assertEquals(schema, source.schema(), "schema() must return the same schema every time");
        assertEquals(schema, source().schema(), "an identically configured source must have the same schema");
        try (BatchReader reader = source.open(allocator)) {
            assertEquals(schema, reader.root().getSchema(), "the reader's root must have the source's schema");
            while (reader.loadNextBatch()) {
                assertEquals(schema, reader.root().getSchema(), "every batch must have the source's schema");
            }
        }
    }

    @Test
    void twoPassesYieldIdenticalRows(BufferAllocator allocator) {
        Source source = source();
        List<List<Object>> first = readAll(source, allocator);
        List<List<Object>> second = readAll(source, allocator);
        assertEquals(first, second, "a second pass must yield the same rows as the first");
        assertFalse(first.isEmpty(), "the table under test must not be empty");
        expectedRows().ifPresent(expected -> assertEquals(expected, first, "the source's rows"));
        OptionalLong count = source.rowCount();
        if (count.isPresent()) {
            assertEquals(first.size(), count.getAsLong(), "rowCount() must be the number of rows read");
        }
    }

    @Test
    void readersOpenAtOnceAreIndependent(BufferAllocator allocator) {
        Source source = source();
        List<List<Object>> alone = readAll(source, allocator);
        List<List<Object>> a = new ArrayList<>();
        List<List<Object>> b = new ArrayList<>();
        try (BatchReader ra = source.open(allocator);
                BatchReader rb = source.open(allocator)) {
            boolean moreA = true;
            boolean moreB = true;
            while (moreA || moreB) {
                if (moreA) {
                    moreA = ra.loadNextBatch();
                    a.addAll(cells(ra.root()));
                }
                if (moreB) {
                    moreB = rb.loadNextBatch();
                    b.addAll(cells(rb.root()));
                }
            }
        }
        assertEquals(alone, a, "interleaved reader A");
        assertEquals(alone, b, "interleaved reader B");
    }

    @Test
    void readerRefillsOneRootInSeveralBatches(BufferAllocator allocator) {
        try (BatchReader reader = source().open(allocator)) {
            VectorSchemaRoot root = reader.root();
            int batches = 0;
            while (reader.loadNextBatch()) {
                batches++;
                assertSame(root, reader.root(), "the reader must refill the same root for every batch");
                assertTrue(root.getRowCount() > 0, "a batch that is loaded must have rows");
            }
            assertTrue(
                    batches >= 2,
                    "the table under test must span at least two batches (set a small batch " + "size), found "
                            + batches);
        }
    }

    @Test
    void aConsumerMayTransferEachBatchAway(BufferAllocator allocator) {
        Source source = source();
        List<List<Object>> expected = readAll(source, allocator);
        List<List<Object>> kept = new ArrayList<>();
        try (BatchReader reader = source.open(allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                List<FieldVector> taken = new ArrayList<>();
                for (FieldVector v : root.getFieldVectors()) {
                    TransferPair pair = v.getTransferPair(allocator);
                    pair.transfer();
                    taken.add((FieldVector) pair.getTo());
                }
                try (VectorSchemaRoot copy = new VectorSchemaRoot(taken)) {
                    copy.setRowCount(root.getRowCount());
                    kept.addAll(cells(copy));
                }
            }
        }
        assertEquals(expected, kept, "rows must be the same when each batch's vectors are transferred away");
    }

    @Test
    void endOfDataIsStickyAndLeavesTheRootEmpty(BufferAllocator allocator) {
        try (BatchReader reader = source().open(allocator)) {
            while (reader.loadNextBatch()) {
                // drain
            }
            assertEquals(0, reader.root().getRowCount(), "the root must be empty once loadNextBatch() is false");
            assertFalse(reader.loadNextBatch(), "loadNextBatch() must stay false after the end");
            assertFalse(reader.loadNextBatch(), "loadNextBatch() must stay false after the end");
            assertEquals(0, reader.root().getRowCount());
        }
    }

    @Test
    void closeReleasesEverythingEvenMidPass(BufferAllocator allocator) {
        Source source = source();
        try (BufferAllocator child = allocator.newChildAllocator("reader", 0, Long.MAX_VALUE)) {
            BatchReader reader = source.open(child);
            assertTrue(reader.loadNextBatch());
            assertTrue(child.getAllocatedMemory() > 0, "a loaded batch lives in the reader's allocator");
            reader.close();
            assertEquals(0, child.getAllocatedMemory(), "close() must release every buffer of the reader");
        }
        try (BufferAllocator child = allocator.newChildAllocator("unread", 0, Long.MAX_VALUE)) {
            source.open(child).close();
            assertEquals(0, child.getAllocatedMemory(), "close() of an unread reader must release everything");
        }
    }

    @Test
    void closeIsIdempotent(BufferAllocator allocator) {
        BatchReader reader = source().open(allocator);
        reader.loadNextBatch();
        reader.close();
        assertDoesNotThrow(reader::close, "a second close() must do nothing");
    }

    /** Every row of one pass, read with a fresh reader that is closed afterwards. */
    public static List<List<Object>> readAll(Source source, BufferAllocator allocator) {
        List<List<Object>> rows = new ArrayList<>();
        try (BatchReader reader = source.open(allocator)) {
            while (reader.loadNextBatch()) {
                rows.addAll(cells(reader.root()));
            }
        }
        return rows;
    }

    /** A batch's cells as plain Java values, row by row: text as {@link String}, a missing cell as null. */
    public static List<List<Object>> cells(VectorSchemaRoot root) {
        List<List<Object>> rows = new ArrayList<>(root.getRowCount());
        for (int r = 0; r < root.getRowCount(); r++) {
            List<Object> row = new ArrayList<>(root.getFieldVectors().size());
            for (FieldVector v : root.getFieldVectors()) {
                Object cell = v.getObject(r);
                row.add(cell instanceof Text t ? t.toString() : cell);
            }
            rows.add(row);
        }
        return rows;
    }
}
