package dev.quiver.spark;

import dev.quiver.api.data.ArrowColumns;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The one copy from Arrow into the on-heap blocks Spark caches: a task reads its split batch by batch into
 * Arrow (through the source plugin), copies each batch here and closes its allocator; Arrow memory never outlives
 * the task. Stateless; any thread.
 */
public final class ArrowBlocks {

    private ArrowBlocks() {}

    /** The {@code root}'s rows as a block of {@code features} (in that order) and {@code target}. */
    public static FeatureBlock copy(VectorSchemaRoot root, List<String> features, String target) {
        int rows = root.getRowCount();
        double[] x = new double[rows * features.size()];
        ArrowColumns.toRowMajorDoubles(root, features, x, 0);
        double[] y = new double[rows];
        ArrowColumns.copyDoubles(ArrowColumns.vector(root, target), y, 0, 1);
        return new FeatureBlock(rows, features.size(), x, y);
    }
}
