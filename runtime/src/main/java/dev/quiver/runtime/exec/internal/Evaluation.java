package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.pipeline.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Scores a fitted pipeline on one split: predicts it batch by batch through {@link FittedPipeline#predict}
 * (the very path {@code quiver predict} takes), gathers {@link Predictions}, computes every metric, and
 * optionally writes the rows with their predictions to an Arrow IPC file. Stateless.
 */
public final class Evaluation {

    /**
     * A split's scores: headline values by metric name, and the non-empty details. Without a target (clustering)
     * there is nothing to score: no predictions and no values.
     */
    public record Scores(Predictions predictions, Map<String, Double> values,
            Map<String, Map<String, Object>> details) {
    }

    private Evaluation() {
    }

    /**
     * Scores {@code rows} (raw, untransformed data with the target). {@code predictionsFile}, when non-null,
     * receives the input columns plus the prediction columns. {@code onBatch} sees each batch's row count.
     */
    public static Scores score(FittedPipeline fitted, Source rows, List<Named<Metric>> metrics,
            BufferAllocator allocator, Path predictionsFile, IntConsumer onBatch) {
        Gatherer gatherer = fitted.target().map(target -> new Gatherer(fitted, target)).orElse(null);
        try (BatchReader reader = rows.open(allocator);
                PredictionWriter writer = predictionsFile == null ? null : new PredictionWriter(predictionsFile)) {
            while (reader.loadNextBatch()) {
                onBatch.accept(reader.root().getRowCount());
                try (VectorSchemaRoot out = fitted.predict(reader.root(), allocator)) {
                    if (gatherer != null) {
                        gatherer.add(out, rows.describe());
                    }
                    if (writer != null) {
                        writer.write(out, allocator);
                    }
                }
            }
            if (writer != null) {
                writer.finish(fitted.outputSchema(rows.schema()), allocator);
            }
        }
        if (gatherer == null) {
            return new Scores(null, Map.of(), Map.of());
        }
        Predictions predictions = gatherer.predictions();
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Map<String, Object>> details = new LinkedHashMap<>();
        for (Named<Metric> metric : metrics) {
            values.put(metric.type(), metric.component().compute(predictions));
            Map<String, Object> detail = metric.component().details(predictions);
            if (!detail.isEmpty()) {
                details.put(metric.type(), detail);
            }
        }
        return new Scores(predictions, values, details);
    }

    /** Collects actual and predicted values (class indices for classifiers) and probabilities. */
    private static final class Gatherer {
        private final FittedPipeline fitted;
        private final String target;
        private final Map<String, Integer> classIndex = new HashMap<>();
        private final List<String> probabilityColumns = new ArrayList<>();
        private double[] actual = new double[1024];
        private double[] predicted = new double[1024];
        private final List<double[]> probabilities = new ArrayList<>();
        private int size;

        Gatherer(FittedPipeline fitted, String target) {
            this.fitted = fitted;
            this.target = target;
            List<String> classes = fitted.classes();
            for (int i = 0; i < classes.size(); i++) {
                classIndex.put(classes.get(i), i);
            }
            if (fitted.task().isClassification()) {
                List<String> names = fitted.model().predictionFields().stream().map(f -> f.getName()).toList();
                List<String> wanted = classes.stream().map(PredictionColumns::probability).toList();
                if (names.containsAll(wanted)) {
                    probabilityColumns.addAll(wanted);
                }
            }
        }

        void add(VectorSchemaRoot out, String source) {
            int rows = out.getRowCount();
            if (size + rows > actual.length) {
                int capacity = Math.max(actual.length * 2, size + rows);
                actual = Arrays.copyOf(actual, capacity);
                predicted = Arrays.copyOf(predicted, capacity);
            }
            FieldVector truth = ArrowColumns.vector(out, target);
            FieldVector guess = ArrowColumns.vector(out, PredictionColumns.PREDICTION);
            boolean classification = fitted.task().isClassification();
            for (int r = 0; r < rows; r++) {
                if (classification) {
                    actual[size + r] = index(ClassLabels.labelOf(truth, r), source, r, true);
                    predicted[size + r] = index(ClassLabels.labelOf(guess, r), source, r, false);
                } else {
                    actual[size + r] = ArrowColumns.getDouble(truth, r);
                    predicted[size + r] = ArrowColumns.getDouble(guess, r);
                }
            }
            if (!probabilityColumns.isEmpty()) {
                List<FieldVector> columns = probabilityColumns.stream().map(c -> ArrowColumns.vector(out, c)).toList();
                for (int r = 0; r < rows; r++) {
                    double[] p = new double[columns.size()];
                    for (int c = 0; c < p.length; c++) {
                        p[c] = ArrowColumns.getDouble(columns.get(c), r);
                    }
                    probabilities.add(p);
                }
            }
            size += rows;
        }

        private int index(String label, String source, int row, boolean actualValue) {
            Integer i = label == null ? null : classIndex.get(label);
            if (i != null) {
                return i;
            }
            if (!actualValue) {
                throw new QuiverException(ErrorCode.INTERNAL, "The model predicted '" + label + "', which is not one "
                        + "of its classes " + fitted.classes() + ".");
            }
            throw QuiverException.data(source, 0, target, label == null
                    ? "the target is empty in a row being evaluated; drop rows without a label."
                    : "label '" + label + "' does not occur in the training rows, whose classes are "
                            + fitted.classes() + "; the model cannot be scored on it (use stratify: true so every "
                            + "class is trained on, or drop that class).");
        }

        Predictions predictions() {
            return new Predictions(fitted.task(), fitted.classes(), Arrays.copyOf(actual, size),
                    Arrays.copyOf(predicted, size),
                    probabilityColumns.isEmpty() ? null : probabilities.toArray(new double[0][]));
        }
    }

    /** Streams prediction batches into an Arrow IPC file, moving (not copying) their vectors. */
    private static final class PredictionWriter implements AutoCloseable {
        private final FileChannel channel;
        private VectorSchemaRoot root;
        private ArrowFileWriter writer;

        PredictionWriter(Path file) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + file, e);
            }
        }

        void write(VectorSchemaRoot batch, BufferAllocator allocator) {
            start(batch.getSchema(), allocator);
            for (int c = 0; c < batch.getFieldVectors().size(); c++) {
                batch.getVector(c).makeTransferPair(root.getVector(c)).transfer();
            }
            root.setRowCount(batch.getRowCount());
            try {
                writer.writeBatch();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void finish(org.apache.arrow.vector.types.pojo.Schema schema, BufferAllocator allocator) {
            start(schema, allocator);
            try {
                writer.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void start(org.apache.arrow.vector.types.pojo.Schema schema, BufferAllocator allocator) {
            if (writer == null) {
                root = VectorSchemaRoot.create(schema, allocator);
                writer = new ArrowFileWriter(root, null, channel);
                try {
                    writer.start();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void close() {
            try {
                if (writer != null) {
                    writer.close();
                }
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (root != null) {
                    root.close();
                }
            }
        }
    }
}
