package dev.quiver.plugins.io.bench;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.plugins.io.synthetic.SyntheticSourceFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Measures the synthetic source's generation speed on W2's table (60,000 rows of 784 features, 10 classes) and
 * on W1's (200,000 rows of 32 features, binary); not a test, run by hand:
 *
 * <pre>{@code
 * mvn -o -q test-compile dependency:build-classpath -pl plugins/io -Dmdep.outputFile=/tmp/io-cp.txt
 * java --add-opens=java.base/java.nio=ALL-UNNAMED \
 *   -cp "$(cat /tmp/io-cp.txt):plugins/io/target/classes:plugins/io/target/test-classes" \
 *   dev.quiver.plugins.io.bench.SyntheticBenchmark
 * }</pre>
 *
 * Each workload is read five times; it prints million values (cells) per second per pass, by wall and CPU time.
 */
public final class SyntheticBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SyntheticBenchmark() {}

    public static void main(String[] args) {
        run("W2 multiclass 60000 x 784", Map.of("rows", 60_000L, "features", 784, "task", "multiclass", "classes", 10));
        run("W1 binary 200000 x 32", Map.of("rows", 200_000L, "features", 32, "task", "binary"));
    }

    private static void run(String name, Map<String, Object> options) {
        Source source = new SyntheticSourceFactory().create(new MapConfig("source", options), new TestContext());
        long cells = ((Number) options.get("rows")).longValue() * (((Number) options.get("features")).longValue() + 1);
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int pass = 0; pass < 5; pass++) {
                long start = System.nanoTime();
                long cpuStart = OS.getProcessCpuTime();
                double checksum = 0;
                try (BatchReader reader = source.open(allocator)) {
                    while (reader.loadNextBatch()) {
                        checksum += reader.root().getRowCount();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (OS.getProcessCpuTime() - cpuStart) / 1e9;
                System.out.printf(
                        "%s pass %d: %.0f rows in %.3f s wall = %.1f M values/s; %.3f s CPU; load average %.1f%n",
                        name, pass, checksum, seconds, cells / seconds / 1e6, cpuSeconds, OS.getSystemLoadAverage());
            }
        }
    }
}
