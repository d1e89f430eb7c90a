package dev.quiver.runtime.export.internal;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.quiver.api.export.OnnxGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies the graph of a foreign ONNX {@code ModelProto} into a {@link ProtoGraph}, for
 * {@link OnnxGraph#include}: every name gets a prefix free in the target, the foreign graph inputs become the
 * bound tensors, and operators are moved from the foreign operator set to {@link OnnxGraph#OPSET}.
 *
 * <p>Why only operator sets 13 to 19: between them the one change of form that breaks an old node is the
 * {@code Reduce*} operators' {@code axes} (an attribute until 17, an input from 18; {@code ReduceSum} has taken
 * it as an input since 13), which this class rewrites. Before 13 many operators changed (Squeeze, Unsqueeze,
 * Split, Softmax, Clip, ...), so such a model is refused rather than silently reinterpreted.
 *
 * <p>Stateless; used on the exporting thread.
 */
final class ForeignGraph {

    /** The oldest default operator set a foreign model may import (Tribuo 4.3 writes 13). */
    static final long OLDEST_OPSET = 13;

    /** Operators whose {@code axes} attribute became their second input at operator set 18. */
    private static final Set<String> AXES_INPUT_FROM_18 = Set.of(
            "ReduceL1",
            "ReduceL2",
            "ReduceLogSum",
            "ReduceLogSumExp",
            "ReduceMax",
            "ReduceMean",
            "ReduceMin",
            "ReduceProd",
            "ReduceSumSquare");

    private ForeignGraph() {}

    static Map<String, String> include(ProtoGraph target, String prefix, byte[] bytes, Map<String, String> inputs) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the model to include is not an ONNX ModelProto: " + e.getMessage(), e);
        }
        Map<String, Long> opsets = new HashMap<>();
        model.getOpsetImportList().forEach(o -> opsets.put(domain(o.getDomain()), o.getVersion()));
        long opset = opsets.getOrDefault("", 0L);
        if (opset < OLDEST_OPSET || opset > OnnxGraph.OPSET) {
            throw new UnsupportedOperationException("its ONNX graph imports operator set " + opset
                    + ", and Quiver can include operator sets " + OLDEST_OPSET + " to " + OnnxGraph.OPSET);
        }
        if (model.getFunctionsCount() > 0) {
            throw new UnsupportedOperationException("its ONNX graph defines local functions");
        }
        OnnxMl.GraphProto graph = model.getGraph();
        if (graph.getSparseInitializerCount() > 0) {
            throw new UnsupportedOperationException("its ONNX graph has sparse initializers");
        }
        Set<String> initializers = new HashSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        Set<String> graphInputs = new HashSet<>();
        for (OnnxMl.ValueInfoProto in : graph.getInputList()) {
            // Before IR 4 an initializer was listed among the inputs too; it is a constant, not an input.
            if (!initializers.contains(in.getName())) {
                graphInputs.add(in.getName());
                if (!inputs.containsKey(in.getName())) {
                    throw new IllegalArgumentException(
                            "no tensor bound to input '" + in.getName() + "' of the included graph; bound: " + inputs);
                }
            }
        }
        if (!graphInputs.containsAll(inputs.keySet())) {
            throw new IllegalArgumentException(
                    "inputs " + inputs.keySet() + " bound, but the included graph's inputs are " + graphInputs);
        }
        List<String> own = new ArrayList<>(initializers);
        List<String> nodeNames = new ArrayList<>();
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            own.addAll(node.getOutputList());
            nodeNames.add(node.getName().isEmpty() ? node.getOpType() + "_" + nodeNames.size() : node.getName());
        }
        own.addAll(nodeNames);
        String p = target.freePrefix(prefix, own);
        Renamer rename = name -> name.isEmpty() ? name : inputs.containsKey(name) ? inputs.get(name) : p + name;

        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            target.addInitializer(
                    t.toBuilder().setName(rename.apply(t.getName())).build());
        }
        int index = 0;
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            String domain = domain(node.getDomain());
            if (!domain.isEmpty()) {
                // Tribuo 4.3 uses ai.onnx.ml operators without importing that domain; the forms it writes are
                // those of the domain's version 1, which is therefore what an undeclared domain means.
                target.importDomain(domain, opsets.getOrDefault(domain, 1L));
            }
            OnnxMl.NodeProto.Builder copy = node.toBuilder().clearInput().clearOutput();
            copy.setName(p + nodeNames.get(index));
            node.getInputList().forEach(i -> copy.addInput(rename.apply(i)));
            node.getOutputList().forEach(o -> copy.addOutput(rename.apply(o)));
            for (OnnxMl.AttributeProto a : node.getAttributeList()) {
                if (a.hasG() || a.getGraphsCount() > 0) {
                    throw new UnsupportedOperationException(
                            "its ONNX node '" + node.getName() + "' (" + node.getOpType() + ") holds a subgraph");
                }
            }
            if (domain.isEmpty() && opset < 18 && AXES_INPUT_FROM_18.contains(node.getOpType())) {
                axesToInput(target, copy, p + "axes_" + index);
            }
            target.addNode(copy.build());
            index++;
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        graph.getOutputList().forEach(o -> outputs.put(o.getName(), rename.apply(o.getName())));
        return outputs;
    }

    /** Moves a {@code Reduce*} node's {@code axes} attribute into an int64 initializer read as its second input. */
    private static void axesToInput(ProtoGraph target, OnnxMl.NodeProto.Builder node, String name) {
        for (int a = 0; a < node.getAttributeCount(); a++) {
            OnnxMl.AttributeProto attribute = node.getAttribute(a);
            if (attribute.getName().equals("axes")) {
                String tensor = target.unique(name);
                target.addInitializer(OnnxMl.TensorProto.newBuilder()
                        .setName(tensor)
                        .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber())
                        .addDims(attribute.getIntsCount())
                        .addAllInt64Data(attribute.getIntsList())
                        .build());
                node.removeAttribute(a);
                node.addInput(tensor);
                return;
            }
        }
        // No axes: the operator reduces over every axis, in both forms.
    }

    /** {@code ai.onnx} is the default domain's other spelling. */
    private static String domain(String domain) {
        return domain.equals("ai.onnx") ? "" : domain;
    }

    private interface Renamer {
        String apply(String name);
    }
}
