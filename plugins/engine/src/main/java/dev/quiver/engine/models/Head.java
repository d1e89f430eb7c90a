package dev.quiver.engine.models;

import dev.quiver.api.Task;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * How a network's raw outputs become prediction columns, by task: the value itself for regression; for binary
 * classification one logit through the sigmoid (or, with {@code width} 2, two logits through the softmax); for
 * multi-class, softmax probabilities, or one-vs-rest: one sigmoid per class, normalised to sum to 1.
 * Labels are written in the target's own type through {@link ClassLabels}. Immutable and thread-safe.
 */
public final class Head {

    private final Task task;
    private final int width;
    private final ClassLabels labels;
    private final double threshold;
    private final boolean oneVsRest;

    private Head(Task task, int width, ClassLabels labels, double threshold, boolean oneVsRest) {
        this.task = task;
        this.width = width;
        this.labels = labels;
        this.threshold = threshold;
        this.oneVsRest = oneVsRest;
    }

    public static Head regression() {
        return new Head(Task.REGRESSION, 1, null, 0.5, false);
    }

    /** A binary head over one logit: class 1 when its probability reaches {@code threshold}. */
    public static Head binary(ClassLabels labels, double threshold) {
        return new Head(Task.BINARY, 1, labels, threshold, false);
    }

    /** A softmax head with one logit per class (also usable for two classes). */
    public static Head softmax(Task task, ClassLabels labels) {
        return new Head(task, labels.size(), labels, 0.5, false);
    }

    /**
     * A one-vs-rest head with one logit per class, each the log-odds of "this class, not the others", as
     * scikit-learn's {@code LogisticRegression(multi_class='ovr')} reads them: the label is the class of the
     * largest logit (the first, on ties), the probabilities are the sigmoids divided by their sum.
     */
    public static Head oneVsRest(ClassLabels labels) {
        return new Head(Task.MULTICLASS, labels.size(), labels, 0.5, true);
    }

    public Task task() {
        return task;
    }

    /** The number of raw outputs per row the head reads. */
    public int width() {
        return width;
    }

    public List<String> classes() {
        return labels == null ? List.of() : labels.classes();
    }

    public List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        if (labels == null) {
            fields.add(PredictionColumns.float64(PredictionColumns.PREDICTION));
            return fields;
        }
        fields.add(labels.predictionField());
        for (String c : labels.classes()) {
            fields.add(PredictionColumns.float64(PredictionColumns.probability(c)));
        }
        return fields;
    }

    /** Writes the prediction columns for {@code rows} rows of raw outputs ({@code rows x width}, row-major). */
    public VectorSchemaRoot write(double[] raw, int rows, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields()), allocator);
        try {
            root.allocateNew();
            if (labels == null) {
                Float8Vector out = (Float8Vector) root.getVector(0);
                for (int r = 0; r < rows; r++) {
                    out.setSafe(r, raw[r]);
                }
            } else {
                writeClasses(root, raw, rows);
            }
            root.setRowCount(rows);
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private void writeClasses(VectorSchemaRoot root, double[] raw, int rows) {
        FieldVector label = root.getVector(0);
        int k = labels.size();
        Float8Vector[] probability = new Float8Vector[k];
        for (int c = 0; c < k; c++) {
            probability[c] = (Float8Vector) root.getVector(c + 1);
        }
        double[] p = new double[k];
        for (int r = 0; r < rows; r++) {
            int best;
            if (width == 1) {
                p[1] = sigmoid(raw[r]);
                p[0] = 1.0 - p[1];
                best = p[1] >= threshold ? 1 : 0;
            } else if (oneVsRest) {
                best = normalisedSigmoids(raw, r * width, p);
            } else {
                best = softmax(raw, r * width, p);
            }
            for (int c = 0; c < k; c++) {
                probability[c].setSafe(r, p[c]);
            }
            labels.setLabel(label, r, best);
        }
    }

    static double sigmoid(double z) {
        // The two branches keep exp's argument non-positive, so neither overflows.
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** Writes softmax(raw[offset .. offset+k)) into p and returns the arg max (the first, on ties). */
    private static int softmax(double[] raw, int offset, double[] p) {
        int k = p.length;
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (raw[offset + c] > raw[offset + best]) {
                best = c;
            }
        }
        double max = raw[offset + best];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(raw[offset + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
        return best;
    }

    /**
     * Writes sigmoid(raw[offset + c]) / sum_j sigmoid(raw[offset + j]) into p and returns the arg max of the raw
     * logits (the first, on ties). The ratio is taken in the log domain, log sigmoid(z) = -softplus(-z), shifted
     * by its maximum: the plain quotient would be 0/0 once every logit is below about -745.
     */
    static int normalisedSigmoids(double[] raw, int offset, double[] p) {
        int k = p.length;
        int best = 0;
        for (int c = 0; c < k; c++) {
            double z = raw[offset + c];
            p[c] = -(Math.log1p(Math.exp(-Math.abs(z))) + Math.max(-z, 0.0));
            if (z > raw[offset + best]) {
                best = c;
            }
        }
        double max = p[0];
        for (int c = 1; c < k; c++) {
            max = Math.max(max, p[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
        return best;
    }

    public void save(StateWriter state) {
        state.putString("task", task.name());
        state.putLong("width", width);
        state.putDouble("threshold", threshold);
        if (oneVsRest) {
            // Only written when set, so models saved before one-vs-rest existed read back unchanged.
            state.putString("probabilities", "one-vs-rest");
        }
        if (labels != null) {
            state.putStrings("classes", labels.classes());
            state.putString(
                    "targetType",
                    new Schema(List.of(new Field(
                                    "target",
                                    new org.apache.arrow.vector.types.pojo.FieldType(true, labels.targetType(), null),
                                    null)))
                            .toJson());
        }
    }

    public static Head load(StateReader state) {
        Task task;
        try {
            task = Task.valueOf(state.getString("task"));
        } catch (IllegalArgumentException e) {
            throw state.damaged("task", "'" + state.getString("task") + "' is not a task");
        }
        long width = state.getLong("width");
        double threshold = state.getDouble("threshold");
        if (!state.has("classes")) {
            if (task != Task.REGRESSION || width != 1) {
                throw state.damaged(
                        "classes",
                        "are missing for a " + task.name().toLowerCase(java.util.Locale.ROOT) + " head of width "
                                + width);
            }
            return regression();
        }
        List<String> classes = state.getStrings("classes");
        // One logit (sigmoid) or one per class (softmax, one-vs-rest): any other width would index past the
        // classes or leave some unread.
        if (task == Task.REGRESSION
                || classes.size() < 2
                || ((width != 1 || task != Task.BINARY) && width != classes.size())) {
            throw state.damaged(
                    "width",
                    "is " + width + " for a " + task.name().toLowerCase(java.util.Locale.ROOT) + " head with "
                            + classes.size() + " classes " + classes);
        }
        try {
            Schema schema = Schema.fromJSON(state.getString("targetType"));
            if (schema.getFields().size() != 1) {
                throw state.damaged(
                        "targetType",
                        "should describe one field, found " + schema.getFields().size());
            }
            ClassLabels labels =
                    new ClassLabels(classes, schema.getFields().get(0).getType());
            boolean oneVsRest = state.has("probabilities");
            if (oneVsRest && !state.getString("probabilities").equals("one-vs-rest")) {
                throw new IllegalStateException(
                        "unknown probabilities '" + state.getString("probabilities") + "' in saved model");
            }
            return new Head(task, (int) width, labels, threshold, oneVsRest);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable target type in saved model", e);
        }
    }

    /**
     * Writes the prediction columns of {@link #fields()} as graph outputs, from the raw outputs {@code raw}
     * ({@code [N, width]}, float64), with the same arithmetic as {@link #write}: one sigmoid and the threshold,
     * a softmax, or normalised sigmoids (a softmax of log-sigmoids). Arg max takes the
     * first of ties, as {@link #write} does.
     */
    public void exportOnnx(OnnxGraph graph, String raw) {
        List<Field> fields = fields();
        if (labels == null) {
            graph.output(fields.get(0), column(graph, raw, 0));
            return;
        }
        String probabilities;
        String best;
        if (width == 1) {
            String p1 = graph.node("Sigmoid", List.of(raw), Map.of());
            String p0 = graph.node("Sub", List.of(graph.constant("one", new double[] {1.0}), p1), Map.of());
            probabilities = graph.node("Concat", List.of(p0, p1), Map.of("axis", 1L));
            String reached = graph.node(
                    "GreaterOrEqual", List.of(p1, graph.constant("threshold", new double[] {threshold})), Map.of());
            best = column(graph, graph.node("Cast", List.of(reached), Map.of("to", 7L)), 0);
        } else {
            String logits = oneVsRest ? logSigmoid(graph, raw) : raw;
            probabilities = graph.node("Softmax", List.of(logits), Map.of("axis", 1L));
            best = graph.node("ArgMax", List.of(raw), Map.of("axis", 1L, "keepdims", 0L, "select_last_index", 0L));
        }
        graph.output(fields.get(0), graph.labels(best, fields.get(0), labels.classes()));
        for (int c = 0; c < labels.size(); c++) {
            graph.output(fields.get(c + 1), column(graph, probabilities, c));
        }
    }

    /**
     * {@code log sigmoid(z) = min(z, 0) - log(1 + exp(-|z|))}, as {@link #normalisedSigmoids} takes it (ONNX
     * Runtime has no float64 Softplus).
     */
    private static String logSigmoid(OnnxGraph graph, String z) {
        String one = graph.constant("one", new double[] {1.0});
        String negAbs = graph.node("Neg", List.of(graph.node("Abs", List.of(z), Map.of())), Map.of());
        String softplus = graph.node(
                "Log",
                List.of(graph.node("Add", List.of(one, graph.node("Exp", List.of(negAbs), Map.of())), Map.of())),
                Map.of());
        String low = graph.node("Min", List.of(z, graph.constant("zero", new double[] {0.0})), Map.of());
        return graph.node("Sub", List.of(low, softplus), Map.of());
    }

    /** Column {@code c} of a {@code [N, K]} tensor as {@code [N]}. */
    private static String column(OnnxGraph graph, String tensor, int c) {
        return graph.node("Gather", List.of(tensor, graph.constant("column" + c, new long[] {c})), Map.of("axis", 1L));
    }
}
