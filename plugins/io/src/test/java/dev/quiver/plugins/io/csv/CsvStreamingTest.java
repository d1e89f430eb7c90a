package dev.quiver.plugins.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A file much larger than a batch is read in memory bounded by a few batches, not by the file's size. */
@ExtendWith(LeakCheckExtension.class)
class CsvStreamingTest {

    private static final long TARGET_BYTES = 30L << 20;

    @TempDir
    Path dir;

    /** Writes rows like {@code 17,0.17,-3.4,name17,true} until the file is about 30 MB; returns the row count. */
    private static long writeBigCsv(Path file) throws IOException {
        long rows = 0;
        long bytes = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("id,x,y,name,flag\n");
            while (bytes < TARGET_BYTES) {
                String line = rows + "," + rows / 100.0 + "," + (rows % 977) * -0.5 + ",name" + rows % 1000 + ","
                        + (rows % 3 == 0) + "\n";
                out.write(line);
                bytes += line.length();
                rows++;
            }
        }
        return rows;
    }

    @Test
    void aLargeFileStreamsInMemoryBoundedByAFewBatches(BufferAllocator allocator) throws IOException {
        Path file = dir.resolve("big.csv");
        long rows = writeBigCsv(file);
        MapConfig config = new MapConfig("source", Map.of("path", "big.csv", "batchSize", 4096));
        Source source = new CsvSourceFactory().create(config, new TestContext(dir, 1L));

        long read = 0;
        long idSum = 0;
        try (BatchReader reader = source.open(allocator)) {
            BigIntVector ids = (BigIntVector) reader.root().getVector("id");
            while (reader.loadNextBatch()) {
                for (int r = 0; r < reader.root().getRowCount(); r++) {
                    idSum += ids.get(r);
                }
                read += reader.root().getRowCount();
            }
        }

        assertEquals(rows, read);
        assertEquals(rows * (rows - 1) / 2, idSum, "every row read exactly once, in order");
        long peak = allocator.getPeakMemoryAllocation();
        long fileSize = Files.size(file);
        // One batch here is ~4096 * (8 + 8 + 8 + ~8 text + offsets) bytes, about 160 KiB; allow a few.
        assertTrue(peak < 1 << 20, "peak Arrow memory " + peak + " bytes for a " + fileSize + "-byte file");
    }
}
