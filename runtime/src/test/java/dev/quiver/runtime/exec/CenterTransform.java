package dev.quiver.runtime.exec;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
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
import java.util.concurrent.atomic.AtomicLong;
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
 * Test transform {@code center}: subtracts each feature's mean over the rows it was fitted on (float64 out).
 * It remembers how many rows its last fit read, so tests can check that fitting sees the training rows only.
 */
final class CenterTransform implements TransformFactory {

    /** Rows read by the most recent fit, across all instances (tests run one pipeline at a time per class). */
    static final AtomicLong ROWS_FITTED = new AtomicLong();

    @Override
    public String name() {
        return "center";
    }

    @Override
    public Transform create(Config config, PluginContext context) {
        return new Unfitted();
    }

    @Override
    public FittedTransform load(StateReader state, PluginContext context) {
        return new Fitted(state.getStrings("columns"), state.getDoubles("means"));
    }

    static final class Unfitted implements Transform {
        @Override
        public TransformPlan plan(Schema input, Columns columns) {
            return new TransformPlan(new Fitted(columns.features(), new double[0]).outputSchema(input), columns);
        }

        @Override
        public FittedTransform fit(Source data, Columns columns, BufferAllocator allocator) {
            List<String> features = columns.features();
            double[] sums = new double[features.size()];
            long rows = 0;
            try (BatchReader reader = data.open(allocator)) {
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.root();
                    for (int c = 0; c < features.size(); c++) {
                        FieldVector v = root.getVector(features.get(c));
                        for (int r = 0; r < root.getRowCount(); r++) {
                            sums[c] += ArrowColumns.getDouble(v, r);
                        }
                    }
                    rows += root.getRowCount();
                }
            }
            ROWS_FITTED.set(rows);
            for (int c = 0; c < sums.length; c++) {
                sums[c] /= rows;
            }
            return new Fitted(features, sums);
        }
    }

    record Fitted(List<String> columns, double[] means) implements FittedTransform {

        private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

        @Override
        public String type() {
            return "center";
        }

        @Override
        public Columns columns(Columns input) {
            return input;
        }

        @Override
        public Schema outputSchema(Schema input) {
            List<Field> fields = new ArrayList<>();
            for (Field f : input.getFields()) {
                boolean centered = columns.contains(f.getName());
                fields.add(centered ? new Field(f.getName(), FieldType.nullable(FLOAT64), null) : f);
            }
            return new Schema(fields);
        }

        @Override
        public VectorSchemaRoot apply(VectorSchemaRoot input, BufferAllocator allocator) {
            List<FieldVector> out = new ArrayList<>();
            int rows = input.getRowCount();
            for (FieldVector v : input.getFieldVectors()) {
                int c = columns.indexOf(v.getName());
                if (c >= 0) {
                    Float8Vector centered = new Float8Vector(v.getName(), allocator);
                    centered.allocateNew(rows);
                    for (int r = 0; r < rows; r++) {
                        centered.set(r, ArrowColumns.getDouble(v, r) - means[c]);
                    }
                    centered.setValueCount(rows);
                    out.add(centered);
                } else {
                    // shares the buffers and leaves the input as it was: apply only reads its input
                    var pair = v.getTransferPair(allocator);
                    if (rows > 0) {
                        pair.splitAndTransfer(0, rows);
                    }
                    out.add((FieldVector) pair.getTo());
                }
            }
            VectorSchemaRoot root = new VectorSchemaRoot(out);
            root.setRowCount(rows);
            return root;
        }

        @Override
        public void save(StateWriter state) {
            state.putStrings("columns", columns).putDoubles("means", means);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("means", means);
        }
    }
}
