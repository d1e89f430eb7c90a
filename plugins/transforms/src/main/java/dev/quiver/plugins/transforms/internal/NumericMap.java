package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.TransformPlan;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A fitted transform that maps each value of some numeric columns through a per-column function into a
 * float64 column of the same name and nullability; a missing cell stays missing. Immutable.
 */
public abstract class NumericMap extends ColumnwiseTransform {

    protected NumericMap(List<String> columns) {
        super(columns);
    }

    /**
     * Maps the first {@code rows} values of column {@code index} of {@link #rewritten()} in place. Missing cells
     * arrive as NaN and their results are discarded. One tight loop per column keeps this fast.
     */
    protected abstract void map(int index, double[] values, int rows);

    /** The columns keep their names and roles: only their values change. */
    @Override
    public Columns columns(Columns input) {
        return input;
    }

    /** The field a mapped column becomes: float64 of the same name, as nullable as it was. */
    static Field outputField(Field input) {
        return TransformPlan.retyped(input, new FieldType(input.isNullable(), Vectors.FLOAT64, null));
    }

    /** The plan of a transform that will map {@code mapped} of {@code input}: those columns become float64. */
    static TransformPlan plan(Schema input, Columns columns, List<String> mapped) {
        return new TransformPlan(rewrite(input, mapped, (index, field) -> List.of(outputField(field))), columns);
    }

    /**
     * Exports {@code (x FIRST first[c]) SECOND second[c]} for each column {@code c} of {@link #rewritten()}, as two
     * ONNX nodes with the per-column constants named {@code COLUMN.firstName} and {@code COLUMN.secondName}.
     */
    protected final void exportTwoSteps(
            OnnxGraph graph,
            String firstOp,
            String firstName,
            double[] first,
            String secondOp,
            String secondName,
            double[] second) {
        for (int c = 0; c < first.length; c++) {
            String column = rewritten().get(c);
            String once = graph.node(
                    firstOp,
                    List.of(graph.column(column), graph.constant(column + "." + firstName, new double[] {first[c]})),
                    Map.of());
            String twice = graph.node(
                    secondOp,
                    List.of(once, graph.constant(column + "." + secondName, new double[] {second[c]})),
                    Map.of());
            graph.setColumn(column, twice, false);
        }
    }

    @Override
    protected final List<Field> outputFields(int index, Field input) {
        return List.of(outputField(input));
    }

    @Override
    protected final List<FieldVector> rewrite(int index, FieldVector input, BufferAllocator allocator) {
        int rows = input.getValueCount();
        double[] values = Vectors.doubles(input, new double[rows]);
        map(index, values, rows);
        Float8Vector out =
                Vectors.newFloat64(outputFields(index, input.getField()).get(0), rows, allocator);
        if (input.getNullCount() == 0) {
            for (int r = 0; r < rows; r++) {
                out.set(r, values[r]);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                if (input.isNull(r)) {
                    out.setNull(r);
                } else {
                    out.set(r, values[r]);
                }
            }
        }
        out.setValueCount(rows);
        return List.of(out);
    }
}
