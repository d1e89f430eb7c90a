package dev.quiver.spark;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.model.ClassLabels;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
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

    /**
     * The {@code root}'s rows as a block whose target is each row's class index in {@code classIndex} (label text
     * as {@link ClassLabels#labelOf} spells it, to index); a label outside it is a data error.
     */
    public static FeatureBlock copyClasses(
            VectorSchemaRoot root, List<String> features, String target, Map<String, Integer> classIndex) {
        int rows = root.getRowCount();
        double[] x = new double[rows * features.size()];
        ArrowColumns.toRowMajorDoubles(root, features, x, 0);
        double[] y = new double[rows];
        FieldVector column = ArrowColumns.vector(root, target);
        for (int r = 0; r < rows; r++) {
            Integer index = classIndex.get(ClassLabels.labelOf(column, r));
            if (index == null) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "row " + (r + 1) + " of a batch, column '" + target + "': label '"
                                + ClassLabels.labelOf(column, r) + "' is not one of the classes "
                                + classIndex.keySet());
            }
            y[r] = index;
        }
        return new FeatureBlock(rows, features.size(), x, y);
    }
}
