package dev.quiver.api.export;

import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The graph under construction, as the runtime's exporter lends it to each {@link OnnxExportable} in pipeline
 * order. Tensors are named by strings; every column tensor has shape {@code [N, 1]} and is float64, or string
 * for a text column. Operators are standard ONNX (opset {@link #OPSET}, default domain); attribute values may be
 * {@code Long}, {@code Double} (stored as ONNX float), {@code String} or {@code long[]}.
 *
 * <p>Owned by the runtime and confined to the exporting thread; it is only valid during {@code exportOnnx}.
 */
public interface OnnxGraph {

    /** The ONNX operator set the graph imports (19: {@code Equal} on strings). */
    int OPSET = 19;

    /** The tensor currently holding column {@code name}. */
    String column(String name);

    /** Whether column {@code name} is text (a string tensor) rather than float64. */
    boolean isText(String name);

    /** Makes {@code tensor} ({@code [N, 1]}, float64 or string as {@code text} says) the value of column {@code name}. */
    void setColumn(String name, String tensor, boolean text);

    /** Drops column {@code name} (a transform replaced it by others). */
    void removeColumn(String name);

    /** A float64 initializer of {@code shape} (row-major values); returns its tensor name. */
    String constant(String hint, double[] values, long... shape);

    /** A float32 initializer of {@code shape}. */
    String constant(String hint, float[] values, long... shape);

    /** An int64 initializer of {@code shape}; an empty shape makes a scalar. */
    String constant(String hint, long[] values, long... shape);

    /** A string initializer of {@code shape}. */
    String constant(String hint, List<String> values, long... shape);

    /** Adds one node of ONNX operator {@code op} with a single output and returns that output's name. */
    String node(String op, List<String> inputs, Map<String, Object> attributes);

    /** The float64 tensor {@code [N, columns.size()]} of these (numeric) columns side by side, in order. */
    String features(List<String> columns);

    /**
     * The labels of {@code classes} at the int64 indices {@code indices} ({@code [N]}), typed as
     * {@code labelField} (string, int64 or float64), so the output matches the prediction column.
     */
    String labels(String indices, Field labelField, List<String> classes);

    /**
     * Copies the whole graph of another ONNX model into this one, so that a library with an ONNX exporter of its
     * own (Tribuo's {@code ONNXExportable}) can be wired in rather than re-expressed. Every node, initializer and
     * intermediate tensor of {@code model} is renamed with a prefix made from {@code prefix}, so nothing clashes
     * with this graph; each of its graph inputs is replaced by the tensor {@code inputs} binds it to (which must
     * already have the element type and shape that input declares). Its operators are read at the operator set
     * the model imports and re-expressed at {@link #OPSET} where ONNX changed their form (the {@code axes}
     * attribute of the {@code Reduce*} operators became an input); other domains it uses (such as
     * {@code ai.onnx.ml}) are imported into this graph's model.
     *
     * @param prefix a short name for the inlined model, e.g. {@code "tribuo"}
     * @param model a serialized ONNX {@code ModelProto}
     * @param inputs this graph's tensor for each graph input of {@code model}, by that input's name
     * @return the tensor holding each graph output of {@code model}, by that output's name, in its order
     * @throws UnsupportedOperationException with a user-readable reason when {@code model} uses something that
     *     cannot be inlined (a newer operator set, local functions, subgraphs, sparse initializers)
     * @throws IllegalArgumentException when {@code model} is not a readable ModelProto or an input is not bound
     */
    default Map<String, String> include(String prefix, byte[] model, Map<String, String> inputs) {
        // A default, as the SPI's compatibility rule asks of additions; the runtime's graph implements it.
        throw new UnsupportedOperationException("this ONNX graph cannot include another model's graph");
    }

    /** Declares graph output {@code name}: the tensor {@code tensor} of shape {@code [N]} typed as {@code field}. */
    void output(Field field, String tensor);
}
