package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.spark.ArrowBlocks;
import dev.quiver.spark.FeatureBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * The training rows as Spark blocks: one partition per {@link SourceSplit}, which the task opens where it runs
 * (the split's own plugin code on the executor's class path), reads batch by batch into Arrow and copies once into
 * on-heap {@link FeatureBlock}s, cached {@code MEMORY_AND_DISK}. Each task allocates from a child
 * ({@code spark-split-N}) of its JVM's one root allocator and closes it before returning, so Arrow memory never
 * leaves a task. Stateless; the driver thread calls {@link #blocks}.
 */
public final class SplitReader {

    /** One root per executor JVM, as the project's memory rule asks; children are per task. */
    private static final BufferAllocator ROOT = new RootAllocator();

    private SplitReader() {}

    /** A regression's blocks: the target's values. */
    public static JavaRDD<FeatureBlock> blocks(
            JavaSparkContext spark, List<SourceSplit> splits, List<String> features, String target) {
        return blocks(spark, splits, features, target, List.of());
    }

    /**
     * The blocks with, for a classifier ({@code classes} not empty), each row's target as its class index in
     * {@code classes}; with no classes, the target's values.
     */
    public static JavaRDD<FeatureBlock> blocks(
            JavaSparkContext spark,
            List<SourceSplit> splits,
            List<String> features,
            String target,
            List<String> classes) {
        List<String> columns = List.copyOf(features);
        HashMap<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        List<Indexed> indexed = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            indexed.add(new Indexed(i, splits.get(i)));
        }
        return spark.parallelize(indexed, indexed.size())
                .mapPartitions(parts -> read(parts, columns, target, classIndex))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** A split and its index, which names the task's allocator. */
    record Indexed(int index, SourceSplit split) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static Iterator<FeatureBlock> read(
            Iterator<Indexed> parts, List<String> features, String target, Map<String, Integer> classIndex) {
        List<FeatureBlock> blocks = new ArrayList<>();
        while (parts.hasNext()) {
            Indexed part = parts.next();
            try (BufferAllocator task = ROOT.newChildAllocator("spark-split-" + part.index(), 0, Long.MAX_VALUE);
                    BatchReader reader = part.split().open(task)) {
                while (reader.loadNextBatch()) {
                    FeatureBlock block = classIndex.isEmpty()
                            ? ArrowBlocks.copy(reader.root(), features, target)
                            : ArrowBlocks.copyClasses(reader.root(), features, target, classIndex);
                    checkComplete(block, reader, part.split(), features, target);
                    blocks.add(block);
                }
            }
        }
        return blocks.iterator();
    }

    /** A missing or infinite value is refused, as local training refuses it, naming file and line. */
    private static void checkComplete(
            FeatureBlock block, BatchReader reader, SourceSplit split, List<String> features, String target) {
        for (int r = 0; r < block.rows(); r++) {
            for (int c = 0; c <= block.width(); c++) {
                double v = c < block.width() ? block.feature(r, c) : block.target()[r];
                if (!Double.isFinite(v)) {
                    String column = c < block.width() ? features.get(c) : target;
                    String where = split.describe()
                            + (reader.line(r) > 0 ? ", line " + reader.line(r) : ", row " + (r + 1) + " of a batch");
                    throw new QuiverException(
                            ErrorCode.DATA,
                            where + " column '" + column + "': " + (Double.isNaN(v) ? "missing" : "infinite")
                                    + " value; training on Spark needs complete rows (drop or fill them first).");
                }
            }
        }
    }
}
