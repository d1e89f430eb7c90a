package dev.quiver.runtime.testplugins;

import dev.quiver.api.PluginContext;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Test transform {@code text}: writes the named columns' values as text, a transform whose output no model can
 * read, so that tests can check the plan step catches text reaching the model. Needs no fitting.
 */
public final class TextTransform implements TransformFactory {

    static final Option<List<String>> COLUMNS =
            Option.strings("columns", List.of()).describe("The columns to write as text.");

    @Override
    public String name() {
        return "text";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(COLUMNS);
    }

    @Override
    public Transform create(Config config, PluginContext context) {
        return new Text(config.get(COLUMNS));
    }

    @Override
    public FittedTransform load(StateReader state, PluginContext context) {
        return new Text(state.getStrings("columns"));
    }

    record Text(List<String> named) implements Transform, FittedTransform {

        @Override
        public TransformPlan plan(Schema input, Columns columns) {
            return new TransformPlan(outputSchema(input), columns);
        }

        @Override
        public FittedTransform fit(Source data, Columns columns, BufferAllocator allocator) {
            return this;
        }

        @Override
        public String type() {
            return "text";
        }

        @Override
        public Columns columns(Columns input) {
            return input;
        }

        @Override
        public Schema outputSchema(Schema input) {
            List<Field> fields = new ArrayList<>();
            for (Field f : input.getFields()) {
                fields.add(
                        named.contains(f.getName())
                                ? new Field(f.getName(), FieldType.nullable(ArrowType.Utf8.INSTANCE), null)
                                : f);
            }
            return new Schema(fields);
        }

        @Override
        public VectorSchemaRoot apply(VectorSchemaRoot input, BufferAllocator allocator) {
            List<FieldVector> out = new ArrayList<>();
            int rows = input.getRowCount();
            try {
                for (FieldVector v : input.getFieldVectors()) {
                    if (named.contains(v.getName())) {
                        VarCharVector text = new VarCharVector(v.getName(), allocator);
                        out.add(text);
                        text.allocateNew(rows);
                        for (int r = 0; r < rows; r++) {
                            if (!v.isNull(r)) {
                                String value = String.valueOf(ArrowColumns.getDouble(v, r));
                                text.setSafe(r, value.getBytes(StandardCharsets.UTF_8));
                            }
                        }
                        text.setValueCount(rows);
                    } else {
                        TransferPair pair = v.getTransferPair(allocator);
                        if (rows > 0) {
                            pair.splitAndTransfer(0, rows); // shares the buffers; the input stays as it was
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
            state.putStrings("columns", named);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("columns", named);
        }
    }
}
