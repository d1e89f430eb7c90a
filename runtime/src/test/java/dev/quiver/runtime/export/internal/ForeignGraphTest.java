package dev.quiver.runtime.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/**
 * {@link ProtoGraph#include}: a foreign model's names are prefixed so nothing clashes, its input becomes the bound
 * tensor, {@code Reduce*} axes move from attribute to input for operator sets before 18, other domains are
 * imported, and what cannot be included is refused with a reason. (ONNX Runtime runs included Tribuo graphs in
 * the pipelines module's {@code TribuoOnnxExportTest}.)
 */
class ForeignGraphTest {

    private static OnnxMl.ModelProto.Builder model(long opset, OnnxMl.NodeProto... nodes) {
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder()
                .setName("foreign")
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("input"))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("output"))
                .addInitializer(OnnxMl.TensorProto.newBuilder()
                        .setName("w")
                        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .addDims(1)
                        .addFloatData(2f));
        for (OnnxMl.NodeProto n : nodes) {
            graph.addNode(n);
        }
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(6)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(opset))
                .setGraph(graph);
    }

    private static OnnxMl.NodeProto node(String op, List<String> in, String out, OnnxMl.AttributeProto... attrs) {
        OnnxMl.NodeProto.Builder n =
                OnnxMl.NodeProto.newBuilder().setOpType(op).addAllInput(in).addOutput(out);
        for (OnnxMl.AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        return n.build();
    }

    private static ProtoGraph graphWithColumn() {
        ProtoGraph graph = new ProtoGraph("g");
        graph.input(
                new Field("x", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null));
        return graph;
    }

    @Test
    void namesArePrefixedAndTheInputIsTheBoundTensor() {
        ProtoGraph graph = graphWithColumn();
        // A tensor of this graph already named like the default prefix's first name: the prefix moves on.
        graph.setColumn("y", graph.constant("tribuo.w", new double[] {1}), false);
        byte[] bytes =
                model(13, node("Mul", List.of("input", "w"), "output")).build().toByteArray();
        Map<String, String> outputs = graph.include("tribuo", bytes, Map.of("input", "x"));
        assertEquals(Map.of("output", "tribuo_1.output"), outputs);
        OnnxMl.GraphProto built = graph.build();
        OnnxMl.NodeProto mul = built.getNode(built.getNodeCount() - 1);
        assertEquals(List.of("x", "tribuo_1.w"), mul.getInputList());
        assertTrue(built.getInitializerList().stream().anyMatch(t -> t.getName().equals("tribuo_1.w")));
    }

    @Test
    void reduceAxesBecomeAnInputBeforeOperatorSet18() {
        OnnxMl.AttributeProto axes = OnnxMl.AttributeProto.newBuilder()
                .setName("axes")
                .setType(OnnxMl.AttributeProto.AttributeType.INTS)
                .addInts(1)
                .build();
        OnnxMl.AttributeProto keep = OnnxMl.AttributeProto.newBuilder()
                .setName("keepdims")
                .setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(0)
                .build();
        ProtoGraph graph = graphWithColumn();
        graph.include(
                "f",
                model(13, node("ReduceMean", List.of("input"), "output", axes, keep))
                        .build()
                        .toByteArray(),
                Map.of("input", "x"));
        OnnxMl.GraphProto built = graph.build();
        OnnxMl.NodeProto reduce = built.getNode(built.getNodeCount() - 1);
        assertEquals("ReduceMean", reduce.getOpType());
        assertEquals(
                List.of("keepdims"),
                reduce.getAttributeList().stream().map(a -> a.getName()).toList());
        assertEquals(2, reduce.getInputCount());
        OnnxMl.TensorProto axesTensor = built.getInitializerList().stream()
                .filter(t -> t.getName().equals(reduce.getInput(1)))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(1L), axesTensor.getInt64DataList());

        // At operator set 18 the node is already in today's form and is copied as it is.
        ProtoGraph at18 = graphWithColumn();
        at18.include(
                "f",
                model(18, node("ReduceMean", List.of("input"), "output", keep))
                        .build()
                        .toByteArray(),
                Map.of("input", "x"));
        OnnxMl.GraphProto built18 = at18.build();
        assertEquals(1, built18.getNode(built18.getNodeCount() - 1).getInputCount());
    }

    @Test
    void anotherDomainIsImportedAtItsDeclaredVersionOrOne() {
        OnnxMl.NodeProto svm = node("SVMRegressor", List.of("input"), "output").toBuilder()
                .setDomain("ai.onnx.ml")
                .build();
        ProtoGraph graph = graphWithColumn();
        graph.include("f", model(13, svm).build().toByteArray(), Map.of("input", "x"));
        assertEquals(Map.of("ai.onnx.ml", 1L), graph.domainImports());

        ProtoGraph declared = graphWithColumn();
        declared.include(
                "f",
                model(13, svm)
                        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder()
                                .setDomain("ai.onnx.ml")
                                .setVersion(3))
                        .build()
                        .toByteArray(),
                Map.of("input", "x"));
        assertEquals(Map.of("ai.onnx.ml", 3L), declared.domainImports());
    }

    @Test
    void whatCannotBeIncludedIsRefusedWithAReason() {
        byte[] old =
                model(12, node("Identity", List.of("input"), "output")).build().toByteArray();
        UnsupportedOperationException tooOld = assertThrows(
                UnsupportedOperationException.class, () -> graphWithColumn().include("f", old, Map.of("input", "x")));
        assertTrue(tooOld.getMessage().contains("operator set 12"), tooOld.getMessage());

        byte[] newer =
                model(20, node("Identity", List.of("input"), "output")).build().toByteArray();
        assertThrows(
                UnsupportedOperationException.class, () -> graphWithColumn().include("f", newer, Map.of("input", "x")));

        byte[] ok =
                model(13, node("Identity", List.of("input"), "output")).build().toByteArray();
        IllegalArgumentException unbound = assertThrows(
                IllegalArgumentException.class, () -> graphWithColumn().include("f", ok, Map.of()));
        assertTrue(unbound.getMessage().contains("'input'"), unbound.getMessage());
        assertThrows(IllegalArgumentException.class, () -> graphWithColumn()
                .include("f", ok, Map.of("input", "x", "other", "x")));
        assertThrows(IllegalArgumentException.class, () -> graphWithColumn()
                .include("f", new byte[] {1, 2, 3}, Map.of("input", "x")));
    }
}
