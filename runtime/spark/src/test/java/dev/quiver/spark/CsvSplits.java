package dev.quiver.spark;

import dev.quiver.api.Plugin;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * Training blocks read inside Spark tasks: split {@code i} of {@code n} is every n-th Arrow batch of a CSV file,
 * which the task reads through the {@code csv} source plugin found by name with {@link ServiceLoader} (the same
 * file is visible to every executor here, as on a shared file system). Each task allocates from a named child of
 * this JVM's one root allocator and closes it before returning, so no Arrow memory outlives the task.
 */
final class CsvSplits {

    /** One root per executor JVM, as the project's memory rule asks; children are per task. */
    private static final BufferAllocator ROOT = new RootAllocator();

    private CsvSplits() {}

    static JavaRDD<FeatureBlock> read(
            JavaSparkContext spark, String path, int batchSize, int splits, List<String> features, String target) {
        List<Integer> ids = IntStream.range(0, splits).boxed().toList();
        List<String> columns = List.copyOf(features);
        return spark.parallelize(ids, splits)
                .mapPartitions(split -> {
                    int id = split.next();
                    return readSplit(path, batchSize, id, splits, columns, target)
                            .iterator();
                })
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static List<FeatureBlock> readSplit(
            String path, int batchSize, int id, int splits, List<String> features, String target) {
        Source source = csv().create(MapConfig.of("path", path, "batchSize", batchSize), new TestContext());
        List<FeatureBlock> blocks = new ArrayList<>();
        try (BufferAllocator task = ROOT.newChildAllocator("spark-split-" + id, 0, Long.MAX_VALUE);
                BatchReader reader = source.open(task)) {
            for (int batch = 0; reader.loadNextBatch(); batch++) {
                if (batch % splits == id) {
                    blocks.add(ArrowBlocks.copy(reader.root(), features, target));
                }
            }
        }
        return blocks;
    }

    private static SourceFactory csv() {
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            for (SourceFactory factory : plugin.getSourceFactories()) {
                if (factory.name().equals("csv")) {
                    return factory;
                }
            }
        }
        throw new IllegalStateException("no csv source plugin on the executor's class path");
    }
}
