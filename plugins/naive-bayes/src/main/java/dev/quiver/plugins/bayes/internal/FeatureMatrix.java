package dev.quiver.plugins.bayes.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/** Reads a batch's feature columns into a row-major double matrix, refusing what naive Bayes cannot use. */
final class FeatureMatrix {

    private FeatureMatrix() {}

    /**
     * The {@code rows x features} matrix of {@code root}.
     *
     * @param what "fit" or "predict", for messages
     * @param source what the batch is part of, for messages
     * @param firstRow the 1-based number of the batch's first row within {@code source}
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#DATA}) for a missing or non-numeric column, or a
     *     missing or infinite cell
     */
    static double[] read(VectorSchemaRoot root, List<String> features, String what, String source, long firstRow) {
        for (String name : features) {
            FieldVector v = root.getVector(name);
            if (v == null) {
                throw QuiverException.data(
                        source,
                        0,
                        name,
                        "naive-bayes was trained on this feature, but the batch "
                                + "to " + what + " has only "
                                + root.getSchema().getFields().stream()
                                        .map(Field::getName)
                                        .toList());
            }
            if (!ArrowColumns.isNumeric(v.getField())) {
                throw QuiverException.data(
                        source,
                        0,
                        name,
                        "naive-bayes needs numeric features, but this column is "
                                + v.getField().getType() + "; encode it first (e.g. with a one-hot transform)");
            }
        }
        int rows = root.getRowCount();
        int d = features.size();
        double[] x = new double[rows * d];
        ArrowColumns.toRowMajorDoubles(root, features, x, 0);
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                throw QuiverException.data(
                        source,
                        firstRow + i / d,
                        features.get(i % d),
                        "naive-bayes cannot " + what
                                + " with a missing value; fill it first (e.g. with an impute transform)");
            }
            if (Double.isInfinite(x[i])) {
                // an infinite feature makes every class's likelihood infinite, and the probabilities 0/0
                throw QuiverException.data(
                        source,
                        firstRow + i / d,
                        features.get(i % d),
                        "naive-bayes cannot " + what + " with an infinite value (" + x[i]
                                + "); features must be finite numbers");
            }
        }
        return x;
    }
}
