package dev.quiver.engine.models;

import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.state.StateWriter;
import dev.quiver.engine.testdata.MemoryData;
import dev.quiver.engine.testdata.WithTraining;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
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

/** Helpers shared by the model tests: configure, fit, predict. */
final class Fits {

    private Fits() {}

    static Trainer trainer(
            ModelFactory factory,
            Map<String, Object> model,
            Map<String, Object> training,
            Loss loss,
            Optimizer optimizer) {
        MapConfig modelConfig = new MapConfig("model", model);
        Trainer trainer = factory.create(modelConfig, new TestContext());
        modelConfig.assertNoProblems();
        return trainer.training().isPresent() ? new WithTraining(trainer, training, loss, optimizer) : trainer;
    }

    static Model fit(
            ModelFactory factory,
            Map<String, Object> model,
            Map<String, Object> training,
            Optimizer optimizer,
            MemoryData data,
            BufferAllocator allocator) {
        return trainer(factory, model, training, null, optimizer).fit(data, new TestFitContext(allocator, 7));
    }

    /** The data's features as an Arrow batch. */
    static VectorSchemaRoot features(MemoryData data, BufferAllocator allocator) {
        List<Field> fields = data.features().stream()
                .map(f -> new Field(
                        f, FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null))
                .toList();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
        root.allocateNew();
        for (int j = 0; j < fields.size(); j++) {
            Float8Vector v = (Float8Vector) root.getVector(j);
            for (int r = 0; r < data.size(); r++) {
                v.setSafe(r, data.x()[r][j]);
            }
        }
        root.setRowCount(data.size());
        return root;
    }

    /** Share of rows whose predicted label equals the (long) target. */
    static double accuracy(Model model, MemoryData data, BufferAllocator allocator) {
        try (VectorSchemaRoot in = features(data, allocator);
                VectorSchemaRoot out = model.predict(in, allocator)) {
            FieldVector label = out.getVector(PredictionColumns.PREDICTION);
            int right = 0;
            for (int r = 0; r < data.size(); r++) {
                if (ClassLabels.labelOf(label, r).equals(data.label(r))) {
                    right++;
                }
            }
            return right / (double) data.size();
        }
    }

    /** Every float the model saved, for bit-for-bit comparisons. */
    static Map<String, Object> saved(Model model) {
        dev.quiver.testing.MemoryState state = new dev.quiver.testing.MemoryState();
        model.save((StateWriter) state);
        return state.flatten();
    }
}
