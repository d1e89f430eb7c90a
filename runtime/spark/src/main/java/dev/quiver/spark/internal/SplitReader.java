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
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * The training rows as Spark blocks: one partition per {@link SourceSplit}, which the task reads into Arrow
 * through the fitted transforms shipped to it ({@link SplitPass}) and copies once into on-heap
 * {@link FeatureBlock}s, cached {@code MEMORY_AND_DISK}. Stateless; the driver thread calls {@link #blocks}.
 */
public final class SplitReader {

    private SplitReader() {}

    /** A regression's blocks: the target's values. */
    public static JavaRDD<FeatureBlock> blocks(
            JavaSparkContext spark, List<SourceSplit> splits, List<String> features, String target) {
        return blocks(spark, splits, features, target, List.of(), List.of());
    }

    /**
     * The blocks of the rows after the {@code shipped} fitted transforms (applied in the tasks, batch by batch),
     * with, for a classifier ({@code classes} not empty), each row's target as its class index in {@code classes};
     * with no classes, the target's values.
     */
    public static JavaRDD<FeatureBlock> blocks(
            JavaSparkContext spark,
            List<SourceSplit> splits,
            List<String> features,
            String target,
            List<String> classes,
            List<ShippedTransform> shipped) {
        List<String> columns = List.copyOf(features);
        List<ShippedTransform> before = List.copyOf(shipped);
        HashMap<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        return parts(spark, splits)
                .mapPartitions(parts -> read(parts, before, columns, target, classIndex))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** One partition per split, each holding its split and index. */
    static JavaRDD<SplitPass.Indexed> parts(JavaSparkContext spark, List<SourceSplit> splits) {
        List<SplitPass.Indexed> indexed = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            indexed.add(new SplitPass.Indexed(i, splits.get(i)));
        }
        return spark.parallelize(indexed, indexed.size());
    }

    private static Iterator<FeatureBlock> read(
            Iterator<SplitPass.Indexed> parts,
            List<ShippedTransform> shipped,
            List<String> features,
            String target,
            Map<String, Integer> classIndex) {
        List<FeatureBlock> blocks = new ArrayList<>();
        while (parts.hasNext()) {
            SplitPass.read(parts.next(), shipped, (root, reader, split, allocator) -> {
                FeatureBlock block = classIndex.isEmpty()
                        ? ArrowBlocks.copy(root, features, target)
                        : ArrowBlocks.copyClasses(root, features, target, classIndex);
                checkComplete(block, reader, split, features, target);
                blocks.add(block);
            });
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
