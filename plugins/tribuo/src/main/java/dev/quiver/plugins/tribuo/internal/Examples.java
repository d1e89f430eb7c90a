package dev.quiver.plugins.tribuo.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Turns Arrow rows into Tribuo examples: each batch's feature columns are copied once into a row-major
 * {@code double[]} (no boxing per cell), then each row becomes an {@link ArrayExample} named by the feature
 * columns.
 *
 * <p>A null (or NaN) cell is left out of its example. Tribuo reads an absent feature as 0 and rejects NaN, so a
 * missing value silently means 0 to the model: impute before the model when 0 is not what you mean. A row with no
 * value at all is an error, since Tribuo cannot predict from an empty example. Instances are immutable and
 * thread-safe; each call uses its own buffers.
 */
public final class Examples {

    private final List<String> features;
    private final String[] names;

    public Examples(List<String> features) {
        this.features = List.copyOf(features);
        this.names = features.toArray(String[]::new);
    }

    /** Reads one whole pass of {@code data} into a dataset of {@code adapter}'s outputs. */
    public <T extends Output<T>> MutableDataset<T> dataset(
            TrainingData data, OutputAdapter<T> adapter, BufferAllocator allocator) {
        String description = "Quiver training data: " + features.size() + " features " + features
                + data.target().map(t -> ", target '" + t.getName() + "'").orElse("");
        MutableDataset<T> dataset =
                new MutableDataset<>(new SimpleDataSourceProvenance(description, adapter.factory()), adapter.factory());
        String target = data.target().map(f -> f.getName()).orElse(null);
        long passRow = 0;
        try (BatchReader reader = data.open(allocator)) {
            VectorSchemaRoot root = reader.root();
            while (reader.loadNextBatch()) {
                FieldVector targetVector = target == null ? null : ArrowColumns.vector(root, target);
                final long first = passRow;
                dataset.addAll(examples(
                        root,
                        (row) -> targetVector == null
                                ? adapter.unknown()
                                : adapter.target(targetVector, row, first + row + 1),
                        "training data",
                        first));
                passRow += root.getRowCount();
            }
        }
        return dataset;
    }

    /** The rows of {@code root} as examples whose outputs are unknown, for prediction. */
    public <T extends Output<T>> List<Example<T>> unlabelled(VectorSchemaRoot root, OutputAdapter<T> adapter) {
        T unknown = adapter.unknown();
        return examples(root, row -> unknown, "input", 0);
    }

    /** The output of one row of a batch. */
    private interface RowOutput<T> {
        T of(int row);
    }

    private <T extends Output<T>> List<Example<T>> examples(
            VectorSchemaRoot root, RowOutput<T> outputs, String what, long firstRow) {
        int rows = root.getRowCount();
        int width = names.length;
        double[] matrix = new double[rows * width];
        try {
            ArrowColumns.toRowMajorDoubles(root, features, matrix, 0);
        } catch (IllegalArgumentException e) {
            throw new QuiverException(
                    dev.quiver.api.ErrorCode.DATA,
                    "The " + what + " does not fit the model: " + e.getMessage() + ".",
                    e);
        }
        List<Example<T>> examples = new ArrayList<>(rows);
        String[] rowNames = new String[width];
        double[] rowValues = new double[width];
        for (int r = 0, base = 0; r < rows; r++, base += width) {
            T output = outputs.of(r);
            int present = 0;
            for (int c = 0; c < width; c++) {
                double v = matrix[base + c];
                if (!Double.isNaN(v)) {
                    rowNames[present] = names[c];
                    rowValues[present++] = v;
                }
            }
            if (present == width) {
                // ArrayExample copies both arrays, so the shared names and the reused row buffer stay ours.
                examples.add(new ArrayExample<>(output, names, rowValues));
            } else if (present > 0) {
                examples.add(new ArrayExample<>(
                        output, Arrays.copyOf(rowNames, present), Arrays.copyOf(rowValues, present)));
            } else {
                throw QuiverException.data(
                        what,
                        firstRow + r + 1,
                        "",
                        "every feature is empty in this row, and "
                                + "Tribuo cannot use an example without features; drop or impute such rows");
            }
        }
        return examples;
    }
}
