package dev.quiver.plugins.tribuo.internal;

import ai.onnx.proto.OnnxMl;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.plugins.tribuo.OutputKind;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.arrow.vector.types.pojo.Field;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.ensemble.EnsembleModel;

/**
 * Writes a fitted Tribuo model into Quiver's ONNX graph through Tribuo's own exporter
 * ({@link ONNXExportable#exportONNXModel}), so the arithmetic is Tribuo's and nothing is re-implemented here.
 * Around it: Quiver's feature columns become Tribuo's input (float32 {@code [N, F]}, columns in Tribuo's feature-id
 * order, a missing value as 0 because Tribuo reads an absent feature as 0), and Tribuo's output ({@code [N, K]}
 * in Tribuo's output-id order) becomes Quiver's prediction columns: the label (the highest score, as Tribuo
 * predicts it) and one probability per class in Quiver's class order, or the regression value.
 *
 * <p>Tribuo's graph computes in float32 where Tribuo's {@code predict} uses float64; the difference is a float32
 * rounding (about 1e-7 relative). Stateless; called on the exporting thread.
 */
final class TribuoOnnx {

    private static final long FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    private static final long DOUBLE = OnnxMl.TensorProto.DataType.DOUBLE.getNumber();

    private TribuoOnnx() {}

    /**
     * Adds {@code model}'s nodes and declares {@code fields} (its prediction columns) as outputs.
     *
     * @throws UnsupportedOperationException when the model has no ONNX export in Tribuo, or Tribuo's export refuses
     *     it (a random forest's trees)
     */
    static <T extends Output<T>> void export(
            Model<T> model, OutputAdapter<T> adapter, List<Field> fields, OnnxGraph graph) {
        String name = model.getClass().getSimpleName();
        if (!(model instanceof ONNXExportable exportable) || adapter.kind() == OutputKind.CLUSTERING) {
            throw new UnsupportedOperationException("Tribuo's " + name + " has no ONNX export");
        }
        if (model instanceof EnsembleModel<T> ensemble) {
            // WeightedEnsembleModel is ONNXExportable, but only when every member is (a forest's trees are not).
            for (Model<T> member : ensemble.getModels()) {
                if (!(member instanceof ONNXExportable)) {
                    throw new UnsupportedOperationException("Tribuo's " + name + " has no ONNX export for its "
                            + member.getClass().getSimpleName() + " members");
                }
            }
        }
        String mismatch = mismatch(model);
        if (mismatch != null) {
            throw new UnsupportedOperationException(
                    "Tribuo's ONNX export of " + name + " does not compute what Tribuo predicts: " + mismatch);
        }
        OnnxMl.ModelProto proto;
        try {
            proto = exportable.exportONNXModel("dev.quiver.tribuo", 1);
        } catch (IllegalStateException | UnsupportedOperationException e) {
            // Tribuo's own refusals; their messages may print a whole model, so only the start is kept.
            String why = String.valueOf(e.getMessage());
            throw new UnsupportedOperationException(
                    "Tribuo cannot export this " + name + " to ONNX: " + why.substring(0, Math.min(200, why.length())),
                    e);
        }
        OnnxMl.GraphProto tribuo = proto.getGraph();
        Map<String, String> outputs = graph.include(
                "tribuo", proto.toByteArray(), Map.of(tribuo.getInput(0).getName(), input(model, graph)));
        String scores = outputs.get(tribuo.getOutput(0).getName());
        if (adapter.kind() == OutputKind.CLASSIFICATION) {
            classification(model.getOutputIDInfo(), adapter.classes(), fields, scores, graph);
        } else {
            String value = graph.node("Cast", List.of(scores), Map.of("to", DOUBLE));
            String flat = graph.node("Reshape", List.of(value, graph.constant("flat", new long[] {-1}, 1)), Map.of());
            graph.output(fields.get(0), flat);
        }
    }

    /**
     * Why Tribuo's ONNX form of {@code model} would not return Tribuo's predictions, or null. Found by comparing
     * ONNX Runtime with Tribuo ({@code TribuoOnnxExportTest}); named by class so this module needs no compile-time
     * dependency on the LIBLINEAR and LIBSVM modules.
     */
    private static String mismatch(Model<?> model) {
        return switch (model.getClass().getName()) {
            case "org.tribuo.classification.liblinear.LibLinearClassificationModel" ->
                model.generatesProbabilities()
                        ? "it takes the softmax of the decision values, where LIBLINEAR's logistic regression "
                                + "normalises their sigmoids (use a LIBLINEAR SVM type, or logistic-regression)"
                        : null;
            case "org.tribuo.regression.libsvm.LibSVMRegressionModel" ->
                "ONNX-ML's SVMRegressor sums the support vectors in float32, off by more than 1e-5 (and more with "
                        + "standardize: true)";
            default -> null;
        };
    }

    /** Quiver's features in Tribuo's feature-id order, NaN as 0, as float32. */
    private static String input(Model<?> model, OnnxGraph graph) {
        ImmutableFeatureMap ids = model.getFeatureIDMap();
        // A Quiver feature Tribuo never saw in training has no id: Tribuo ignores it, and so does the graph.
        List<String> ordered = IntStream.range(0, ids.size())
                .mapToObj(i -> ids.get(i).getName())
                .toList();
        String x = graph.features(ordered);
        String missing = graph.node("IsNaN", List.of(x), Map.of());
        String filled = graph.node("Where", List.of(missing, graph.constant("zero", new double[] {0}), x), Map.of());
        return graph.node("Cast", List.of(filled), Map.of("to", FLOAT));
    }

    private static <T extends Output<T>> void classification(
            ImmutableOutputInfo<T> ids, List<String> classes, List<Field> fields, String scores, OnnxGraph graph) {
        long[] classOfId = new long[ids.size()];
        for (int id = 0; id < classOfId.length; id++) {
            classOfId[id] = classes.indexOf(((Label) ids.getOutput(id)).getLabel());
            if (classOfId[id] < 0) {
                throw new IllegalStateException("Tribuo's class " + ids.getOutput(id) + " is not among " + classes);
            }
        }
        // Tribuo's label is its highest score; ArgMax takes the first of equal ones.
        String best = graph.node("ArgMax", List.of(scores), Map.of("axis", 1L, "keepdims", 0L));
        String index = graph.node(
                "Gather",
                List.of(graph.constant("class_of_tribuo_id", classOfId, classOfId.length), best),
                Map.of("axis", 0L));
        graph.output(fields.get(0), graph.labels(index, fields.get(0), classes));
        if (fields.size() == 1) {
            return;
        }
        String probabilities = graph.node("Cast", List.of(scores), Map.of("to", DOUBLE));
        for (int c = 0; c < classes.size(); c++) {
            @SuppressWarnings("unchecked")
            int id = ((ImmutableOutputInfo<Label>) ids).getID(new Label(classes.get(c)));
            String column = graph.node(
                    "Gather",
                    List.of(probabilities, graph.constant("tribuo_id", new long[] {Math.max(id, 0)})),
                    Map.of("axis", 1L));
            // A class Tribuo never saw has probability 0 in Quiver's predictions.
            graph.output(
                    fields.get(1 + c),
                    id >= 0
                            ? column
                            : graph.node("Mul", List.of(column, graph.constant("zero", new double[] {0})), Map.of()));
        }
    }
}
