package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.export.OnnxExportable;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.TransformPlan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A fitted {@code impute}: replaces missing cells by each column's learned value. Numeric columns come out as
 * float64 (NaN counts as missing too), text columns as text; neither has missing cells any more. Immutable and
 * thread-safe.
 */
public final class FittedImpute extends ColumnwiseTransform implements OnnxExportable {

    /** Per column: a Double for numeric columns, a String for text ones. */
    private final List<Object> fills;

    FittedImpute(List<String> columns, List<Object> fills) {
        super(columns);
        this.fills = List.copyOf(fills);
    }

    public static FittedImpute load(StateReader state) {
        List<String> columns = state.getStrings("columns");
        // A text column's numeric fill is a NaN placeholder; a numeric column's fill is checked below.
        double[] numbers = state.getDoublesAllowingNonFinite("numericFill", columns.size());
        List<String> texts = state.getStrings("textFill", columns.size());
        long[] isText = state.getLongs("isText", columns.size());
        List<Object> fills = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (isText[c] != 0 && isText[c] != 1) {
                throw state.damaged("isText", "element " + c + " is " + isText[c] + "; it should be 0 or 1");
            }
            if (isText[c] == 0 && !Double.isFinite(numbers[c])) {
                throw state.damaged(
                        "numericFill",
                        "element " + c + " is " + numbers[c] + ", which would fill column '" + columns.get(c)
                                + "' with a non-finite number");
            }
            fills.add(isText[c] == 1 ? texts.get(c) : (Object) numbers[c]);
        }
        return new FittedImpute(columns, fills);
    }

    @Override
    public String type() {
        return "impute";
    }

    @Override
    public Columns columns(Columns input) {
        return input;
    }

    /** The field an imputed column becomes: text for a text fill, else float64; never nullable. */
    static Field outputField(Field input, boolean text) {
        return TransformPlan.retyped(input, FieldType.notNullable(text ? ArrowType.Utf8.INSTANCE : Vectors.FLOAT64));
    }

    @Override
    protected List<Field> outputFields(int index, Field input) {
        return List.of(outputField(input, fills.get(index) instanceof String));
    }

    @Override
    protected List<FieldVector> rewrite(int index, FieldVector input, BufferAllocator allocator) {
        int rows = input.getValueCount();
        Field field = outputFields(index, input.getField()).get(0);
        if (fills.get(index) instanceof String text) {
            byte[] fill = text.getBytes(StandardCharsets.UTF_8);
            VarCharVector in = (VarCharVector) input;
            VarCharVector out = (VarCharVector) field.createVector(allocator);
            try {
                out.allocateNew(rows);
                for (int r = 0; r < rows; r++) {
                    out.setSafe(r, in.isNull(r) ? fill : in.get(r));
                }
            } catch (RuntimeException e) {
                // setSafe grows the data buffer as it goes and may hit the allocator's limit; out is not ours to
                // hand over then, and nobody else knows it exists
                out.close();
                throw e;
            }
            out.setValueCount(rows);
            return List.of(out);
        }
        double fill = (Double) fills.get(index);
        double[] values = Vectors.doubles(input, new double[rows]);
        Float8Vector out = Vectors.newFloat64(field, rows, allocator);
        for (int r = 0; r < rows; r++) {
            out.set(r, Double.isNaN(values[r]) ? fill : values[r]);
        }
        out.setValueCount(rows);
        return List.of(out);
    }

    @Override
    public void save(StateWriter state) {
        int n = fills.size();
        double[] numbers = new double[n];
        List<String> texts = new ArrayList<>();
        long[] isText = new long[n];
        for (int c = 0; c < n; c++) {
            Object fill = fills.get(c);
            isText[c] = fill instanceof String ? 1 : 0;
            numbers[c] = fill instanceof Double d ? d : Double.NaN;
            texts.add(fill instanceof String s ? s : "");
        }
        state.putStrings("columns", rewritten())
                .putLongs("isText", isText)
                .putDoubles("numericFill", numbers)
                .putStrings("textFill", texts);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int c = 0; c < fills.size(); c++) {
            columns.put(rewritten().get(c), fills.get(c));
        }
        return Map.of("fill", columns);
    }

    /**
     * Numeric columns: {@code Where(IsNaN(x), fill, x)} (a missing cell reaches ONNX as NaN). A text column's
     * fill cannot be exported: an ONNX string tensor has no missing cell to fill.
     */
    @Override
    public void exportOnnx(OnnxGraph graph) {
        for (int c = 0; c < fills.size(); c++) {
            String column = rewritten().get(c);
            if (fills.get(c) instanceof String) {
                throw new UnsupportedOperationException("impute fills text column '" + column
                        + "', and an ONNX string tensor cannot hold a missing value to fill");
            }
            String x = graph.column(column);
            String missing = graph.node("IsNaN", List.of(x), Map.of());
            String fill = graph.constant(column + ".fill", new double[] {(Double) fills.get(c)});
            graph.setColumn(column, graph.node("Where", List.of(missing, fill, x), Map.of()), false);
        }
    }
}
