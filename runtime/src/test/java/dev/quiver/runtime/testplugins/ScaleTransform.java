package dev.quiver.runtime.testplugins;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.Source;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.api.transform.TransformPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Test transform {@code scale}: multiplies numeric feature columns by a constant factor (float64 out). Needs
 * no fitting, so the fitted form is the configuration itself.
 */
public final class ScaleTransform implements TransformFactory {

    static final Option<Double> FACTOR = Option.real("factor", 2.0).describe("What each value is multiplied by.");
    static final Option<List<String>> COLUMNS =
            Option.strings("columns", List.of()).describe("The columns to scale; every feature when empty.");

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(FACTOR, COLUMNS);
    }

    @Override
    public Transform create(Config config, PluginContext context) {
        return new Scale(config.get(FACTOR), config.get(COLUMNS));
    }

    @Override
    public FittedTransform load(StateReader state, PluginContext context) {
        return new Scale(state.getDouble("factor"), state.getStrings("columns"));
    }

    record Scale(double factor, List<String> named) implements Transform, FittedTransform {

        private List<String> targets(Columns columns) {
            return named.isEmpty() ? columns.features() : named;
        }

        @Override
        public TransformPlan plan(Schema input, Columns columns) {
            for (String name : targets(columns)) {
                Field field = input.getFields().stream()
                        .filter(f -> f.getName().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new QuiverException(
                                ErrorCode.CONFIG,
                                "scale: no column '" + name + "'; the columns are "
                                        + input.getFields().stream()
                                                .map(Field::getName)
                                                .toList()));
                if (!ArrowColumns.isNumeric(field)) {
                    throw new QuiverException(ErrorCode.CONFIG, "scale: column '" + name + "' is not numeric");
                }
            }
            return new TransformPlan(new Scale(factor, List.copyOf(targets(columns))).outputSchema(input), columns);
        }

        @Override
        public FittedTransform fit(Source data, Columns columns, BufferAllocator allocator) {
            return new Scale(factor, List.copyOf(targets(columns)));
        }

        @Override
        public String type() {
            return "scale";
        }

        @Override
        public Columns columns(Columns input) {
            return input;
        }

        @Override
        public Schema outputSchema(Schema input) {
            List<Field> fields = new ArrayList<>();
            for (Field f : input.getFields()) {
                fields.add(named.contains(f.getName()) ? float64(f.getName()) : f);
            }
            return new Schema(fields);
        }

        private static Field float64(String name) {
            return new Field(
                    name, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null);
        }

        @Override
        public VectorSchemaRoot apply(VectorSchemaRoot input, BufferAllocator allocator) {
            List<FieldVector> out = new ArrayList<>();
            int rows = input.getRowCount();
            try {
                for (FieldVector v : input.getFieldVectors()) {
                    if (named.contains(v.getName())) {
                        Float8Vector scaled = new Float8Vector(float64(v.getName()), allocator);
                        out.add(scaled);
                        scaled.allocateNew(rows);
                        for (int r = 0; r < rows; r++) {
                            if (v.isNull(r)) {
                                scaled.setNull(r);
                            } else {
                                scaled.set(r, ArrowColumns.getDouble(v, r) * factor);
                            }
                        }
                        scaled.setValueCount(rows);
                    } else {
                        // shares the buffers and leaves the input as it was: apply only reads its input
                        var pair = v.getTransferPair(allocator);
                        if (rows > 0) {
                            pair.splitAndTransfer(0, rows);
                        }
                        out.add((FieldVector) pair.getTo());
                    }
                }
            } catch (RuntimeException e) {
                out.forEach(FieldVector::close);
                throw e;
            }
            VectorSchemaRoot root = new VectorSchemaRoot(out);
            root.setRowCount(rows);
            return root;
        }

        @Override
        public void save(StateWriter state) {
            state.putDouble("factor", factor).putStrings("columns", named);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("factor", factor, "columns", named);
        }
    }
}
