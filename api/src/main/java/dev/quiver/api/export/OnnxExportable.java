package dev.quiver.api.export;

/**
 * Implemented by a {@link dev.quiver.api.transform.FittedTransform} or {@link dev.quiver.api.model.Model} that
 * can write itself into an ONNX graph computing exactly what its {@code apply} or {@code predict} computes. A
 * fitted object that does not implement it makes {@code quiver export} fail with "cannot export".
 *
 * <p>Called once per export on the exporting thread; the implementation only reads its own immutable state.
 */
public interface OnnxExportable {

    /**
     * Adds this step's nodes. A transform reads its columns with {@link OnnxGraph#column} and replaces them
     * with {@link OnnxGraph#setColumn} / {@link OnnxGraph#removeColumn}; a model reads its features with
     * {@link OnnxGraph#features} and declares one {@link OnnxGraph#output} per prediction column, named and
     * ordered as its {@code predictionFields()}.
     *
     * @throws UnsupportedOperationException with a user-readable reason when this instance cannot be expressed
     *     (the runtime reports it as "cannot export this model")
     */
    void exportOnnx(OnnxGraph graph);
}
