package dev.quiver.plugins.io.bench;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.plugins.io.csv.CsvSourceFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Measures csv source throughput on a generated numeric file (not a test; run by hand):
 *
 * <pre>{@code
 * mvn -o -q test-compile dependency:build-classpath -pl plugins/io -Dmdep.outputFile=/tmp/io-cp.txt
 * java --add-opens=java.base/java.nio=ALL-UNNAMED \
 *   -cp "$(cat /tmp/io-cp.txt):plugins/io/target/classes:plugins/io/target/test-classes" \
 *   dev.quiver.plugins.io.bench.CsvReadBenchmark [megabytes]
 * }</pre>
 *
 * It writes ten float columns and an integer column, then reads the file five times and prints MB/s per pass:
 * by wall time (what a user waits; on a shared machine it also measures the neighbours) and per CPU second of the
 * whole process (parsing runs on several threads). A second argument {@code repr} writes the floats as Python and
 * numpy print them, with up to 17 significant digits, which miss the short-decimal fast path.
 */
public final class CsvReadBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CsvReadBenchmark() {}

    public static void main(String[] args) throws IOException {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 200;
        boolean repr = args.length > 1 && args[1].equals("repr");
        Path dir = Files.createTempDirectory("quiver-csv-bench");
        Path file = dir.resolve("bench.csv");
        Random random = new Random(1);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("x0,x1,x2,x3,x4,x5,x6,x7,x8,x9,label\n");
            StringBuilder line = new StringBuilder();
            while (Files.size(file) < megabytes << 20) {
                for (int i = 0; i < 10_000; i++) {
                    line.setLength(0);
                    for (int j = 0; j < 10; j++) {
                        double x = random.nextGaussian();
                        line.append(repr ? x : Math.round(x * 1e4) / 1e4).append(',');
                    }
                    line.append(random.nextInt(10)).append('\n');
                    out.write(line.toString());
                }
                out.flush();
            }
        }
        long bytes = Files.size(file);
        Source source = new CsvSourceFactory()
                .create(new MapConfig("source", Map.of("path", file.toString())), new TestContext());
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int pass = 0; pass < 5; pass++) {
                long start = System.nanoTime();
                long cpuStart = OS.getProcessCpuTime();
                long rows = 0;
                try (BatchReader reader = source.open(allocator)) {
                    while (reader.loadNextBatch()) {
                        rows += reader.root().getRowCount();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (OS.getProcessCpuTime() - cpuStart) / 1e9;
                System.out.printf(
                        "pass %d: %d rows, %.0f MB in %.2f s wall = %.0f MB/s; %.2f s CPU = %.0f MB/s "
                                + "per CPU second; load average %.1f%n",
                        pass,
                        rows,
                        bytes / 1e6,
                        seconds,
                        bytes / 1e6 / seconds,
                        cpuSeconds,
                        bytes / 1e6 / cpuSeconds,
                        OS.getSystemLoadAverage());
            }
            System.out.println("peak Arrow memory: " + allocator.getPeakMemoryAllocation() + " bytes");
        } finally {
            Files.delete(file);
            Files.delete(dir);
        }
    }
}
