package dev.quiver.runtime.export.internal;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import dev.quiver.api.export.OnnxGraph;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@link OnnxGraph} over the ONNX protobuf classes of {@code tribuo-util-onnx} ({@code OnnxMl}): nodes and
 * initializers go straight into a {@code GraphProto.Builder}. Graph inputs are the raw columns, {@code [N, 1]}
 * each; an integer or boolean input is cast to float64 at once so that every numeric column tensor is float64.
 *
 * <p>Made and used by one exporting thread, then dropped.
 */
public final class ProtoGraph implements OnnxGraph {

    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    private static final int DOUBLE = OnnxMl.TensorProto.DataType.DOUBLE.getNumber();
    private static final int INT64 = OnnxMl.TensorProto.DataType.INT64.getNumber();
    private static final int STRING = OnnxMl.TensorProto.DataType.STRING.getNumber();
    private static final int BOOL = OnnxMl.TensorProto.DataType.BOOL.getNumber();

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Map<String, String> columns = new LinkedHashMap<>();
    private final Set<String> text = new HashSet<>();
    private final Map<String, OnnxMl.ValueInfoProto> inputs = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Long> domains = new LinkedHashMap<>();

    public ProtoGraph(String name) {
        graph.setName(name);
    }

    /**
     * Declares the raw column {@code field} as a graph input, or says why it cannot be one.
     *
     * @throws UnsupportedOperationException for a column type ONNX input cannot carry here
     */
    public void input(Field field) {
        String name = field.getName();
        ArrowType type = field.getType();
        int elementType;
        if (type instanceof ArrowType.FloatingPoint) {
            elementType = DOUBLE;
        } else if (type instanceof ArrowType.Int) {
            elementType = INT64;
        } else if (type instanceof ArrowType.Bool) {
            elementType = BOOL;
        } else if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
            elementType = STRING;
        } else {
            throw new UnsupportedOperationException(
                    "column '" + name + "' has type " + type + ", which has no ONNX input here");
        }
        String tensor = unique(name);
        inputs.put(tensor, ProtoValues.valueInfo(tensor, elementType, true));
        if (elementType == STRING) {
            setColumn(name, tensor, true);
        } else if (elementType == DOUBLE) {
            setColumn(name, tensor, false);
        } else {
            setColumn(name, node("Cast", List.of(tensor), Map.of("to", (long) DOUBLE)), false);
        }
    }

    @Override
    public String column(String name) {
        String tensor = columns.get(name);
        if (tensor == null) {
            throw new IllegalStateException("no column '" + name + "' in the graph; columns are " + columns.keySet());
        }
        return tensor;
    }

    @Override
    public boolean isText(String name) {
        column(name);
        return text.contains(name);
    }

    @Override
    public void setColumn(String name, String tensor, boolean isText) {
        columns.put(name, tensor);
        if (isText) {
            text.add(name);
        } else {
            text.remove(name);
        }
    }

    @Override
    public void removeColumn(String name) {
        columns.remove(name);
        text.remove(name);
    }

    @Override
    public String constant(String hint, double[] values, long... shape) {
        OnnxMl.TensorProto.Builder t = tensor(hint, DOUBLE, shape);
        for (double v : values) {
            t.addDoubleData(v);
        }
        return add(t);
    }

    @Override
    public String constant(String hint, float[] values, long... shape) {
        OnnxMl.TensorProto.Builder t = tensor(hint, FLOAT, shape);
        for (float v : values) {
            t.addFloatData(v);
        }
        return add(t);
    }

    @Override
    public String constant(String hint, long[] values, long... shape) {
        OnnxMl.TensorProto.Builder t = tensor(hint, INT64, shape);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return add(t);
    }

    @Override
    public String constant(String hint, List<String> values, long... shape) {
        OnnxMl.TensorProto.Builder t = tensor(hint, STRING, shape.length == 0 ? new long[] {values.size()} : shape);
        for (String v : values) {
            t.addStringData(ByteString.copyFrom(v, StandardCharsets.UTF_8));
        }
        return add(t);
    }

    @Override
    public String node(String op, List<String> in, Map<String, Object> attributes) {
        String output = unique(op.toLowerCase(java.util.Locale.ROOT));
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder()
                .setOpType(op)
                .setName(output)
                .addAllInput(in)
                .addOutput(output);
        attributes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> node.addAttribute(ProtoValues.attribute(e.getKey(), e.getValue())));
        graph.addNode(node);
        return output;
    }

    @Override
    public String features(List<String> names) {
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            if (isText(name)) {
                throw new UnsupportedOperationException("feature '" + name + "' is text when it reaches the model");
            }
            parts.add(column(name));
        }
        return parts.size() == 1 ? parts.get(0) : node("Concat", parts, Map.of("axis", 1L));
    }

    @Override
    public String labels(String indices, Field labelField, List<String> classes) {
        ArrowType type = labelField.getType();
        String table;
        if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
            table = constant("classes", classes);
        } else if (type instanceof ArrowType.Int) {
            table = constant(
                    "classes", classes.stream().mapToLong(Long::parseLong).toArray(), classes.size());
        } else if (type instanceof ArrowType.FloatingPoint) {
            table = constant(
                    "classes", classes.stream().mapToDouble(Double::parseDouble).toArray(), classes.size());
        } else {
            throw new UnsupportedOperationException("class labels of type " + type + " have no ONNX output here");
        }
        return node("Gather", List.of(table, indices), Map.of("axis", 0L));
    }

    @Override
    public Map<String, String> include(String prefix, byte[] model, Map<String, String> inputs) {
        return ForeignGraph.include(this, prefix, model, inputs);
    }

    @Override
    public void output(Field field, String tensor) {
        ArrowType type = field.getType();
        int elementType = type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8
                ? STRING
                : type instanceof ArrowType.Int ? INT64 : DOUBLE;
        names.add(field.getName());
        // Graph outputs need names of their own: an Identity gives the tensor the prediction column's name.
        graph.addNode(OnnxMl.NodeProto.newBuilder()
                .setOpType("Identity")
                .setName("output." + field.getName())
                .addInput(tensor)
                .addOutput(field.getName()));
        graph.addOutput(ProtoValues.valueInfo(field.getName(), elementType, false));
    }

    /** The finished graph: only the inputs some node reads (a column the pipeline drops is not asked for). */
    public OnnxMl.GraphProto build() {
        Set<String> read = new HashSet<>();
        graph.getNodeList().forEach(n -> read.addAll(n.getInputList()));
        inputs.forEach((name, info) -> {
            if (read.contains(name)) {
                graph.addInput(info);
            }
        });
        return graph.build();
    }

    /** The operator-set domains besides the default one that included graphs use, with their versions. */
    public Map<String, Long> domainImports() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    void importDomain(String domain, long version) {
        Long before = domains.putIfAbsent(domain, version);
        if (before != null && before != version) {
            throw new UnsupportedOperationException("included graphs need domain '" + domain + "' at versions " + before
                    + " and " + version + ", and a model imports a domain once");
        }
    }

    void addNode(OnnxMl.NodeProto node) {
        graph.addNode(node);
    }

    void addInitializer(OnnxMl.TensorProto tensor) {
        graph.addInitializer(tensor);
    }

    /**
     * A prefix ({@code hint.}, else {@code hint_1.}, ...) that makes every one of {@code suffixes} a name not yet
     * used in this graph; the prefixed names are then taken.
     */
    String freePrefix(String hint, List<String> suffixes) {
        for (int i = 0; ; i++) {
            String prefix = (i == 0 ? hint : hint + "_" + i) + ".";
            if (suffixes.stream().noneMatch(s -> names.contains(prefix + s))
                    && names.stream().noneMatch(n -> n.startsWith(prefix))) {
                suffixes.forEach(s -> names.add(prefix + s));
                return prefix;
            }
        }
    }

    private OnnxMl.TensorProto.Builder tensor(String hint, int elementType, long[] shape) {
        OnnxMl.TensorProto.Builder t =
                OnnxMl.TensorProto.newBuilder().setName(unique(hint)).setDataType(elementType);
        for (long d : shape) {
            t.addDims(d);
        }
        return t;
    }

    private String add(OnnxMl.TensorProto.Builder t) {
        graph.addInitializer(t);
        return t.getName();
    }

    String unique(String hint) {
        String name = hint;
        for (int i = 1; !names.add(name); i++) {
            name = hint + "_" + i;
        }
        return name;
    }
}
