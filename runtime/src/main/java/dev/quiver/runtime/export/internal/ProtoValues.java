package dev.quiver.runtime.export.internal;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;

/**
 * The ONNX protobuf values {@link ProtoGraph} writes: node attributes from plain Java values, and the value infos
 * of graph inputs and outputs. Stateless; any thread may call it.
 */
final class ProtoValues {

    private ProtoValues() {}

    static OnnxMl.AttributeProto attribute(String name, Object value) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name);
        if (value instanceof Long l) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(l);
        } else if (value instanceof Double d) {
            a.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(d.floatValue());
        } else if (value instanceof String s) {
            a.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFrom(s, StandardCharsets.UTF_8));
        } else if (value instanceof long[] ints) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long i : ints) {
                a.addInts(i);
            }
        } else {
            throw new IllegalArgumentException("attribute '" + name + "' has unsupported value " + value);
        }
        return a.build();
    }

    /** {@code [N, 1]} for an input, {@code [N]} for an output; N is the symbolic batch size. */
    static OnnxMl.ValueInfoProto valueInfo(String name, int elementType, boolean column) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        if (column) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(1));
        }
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                                .setElemType(elementType)
                                .setShape(shape)))
                .build();
    }
}
