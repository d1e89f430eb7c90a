package dev.quiver.runtime.testplugins;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.config.Config;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Test model {@code majority}: a classifier that always predicts the most frequent training class (the first
 * in class order on ties), with probability 1. Takes no options and no {@code training:} section.
 */
public final class MajorityModel implements ModelFactory {

    @Override
    public String name() {
        return "majority";
    }

    @Override
    public Trainer create(Config config, PluginContext context) {
        return new MajorityTrainer();
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        ArrowType type =
                switch (state.getString("targetType")) {
                    case "int64" -> new ArrowType.Int(64, true);
                    case "bool" -> ArrowType.Bool.INSTANCE;
                    case "float64" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                    default -> ArrowType.Utf8.INSTANCE;
                };
        return new Majority(
                new ClassLabels(state.getStrings("classes"), type),
                (int) state.getLong("majority"),
                state.getStrings("features"),
                Task.valueOf(state.getString("task")));
    }

    static final class MajorityTrainer implements Trainer {

        @Override
        public Set<Task> tasks() {
            return Set.of(Task.BINARY, Task.MULTICLASS);
        }

        @Override
        public Model fit(TrainingData data, FitContext context) {
            ClassLabels labels = ClassLabels.of(data);
            String target = data.target().orElseThrow().getName();
            long[] counts = new long[labels.size()];
            try (BatchReader reader = data.open(context.allocator())) {
                while (reader.loadNextBatch()) {
                    FieldVector column = reader.root().getVector(target);
                    for (int r = 0; r < reader.root().getRowCount(); r++) {
                        counts[labels.indexOf(column, r)]++;
                    }
                }
            }
            int best = 0;
            for (int i = 1; i < counts.length; i++) {
                if (counts[i] > counts[best]) {
                    best = i;
                }
            }
            return new Majority(labels, best, data.features(), data.task());
        }
    }

    record Majority(ClassLabels labels, int majority, List<String> features, Task task) implements Model {

        @Override
        public String type() {
            return "majority";
        }

        @Override
        public List<String> classes() {
            return labels.classes();
        }

        @Override
        public List<Field> predictionFields() {
            List<Field> fields = new ArrayList<>();
            fields.add(labels.predictionField());
            labels.classes().forEach(c -> fields.add(PredictionColumns.float64(PredictionColumns.probability(c))));
            return fields;
        }

        @Override
        public VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator) {
            int rows = input.getRowCount();
            List<FieldVector> out = new ArrayList<>();
            FieldVector label = labels.newPredictionVector(allocator, rows);
            out.add(label);
            for (int r = 0; r < rows; r++) {
                labels.setLabel(label, r, majority);
            }
            label.setValueCount(rows);
            for (int c = 0; c < labels.size(); c++) {
                Float8Vector p = new Float8Vector(
                        PredictionColumns.float64(
                                PredictionColumns.probability(labels.classes().get(c))),
                        allocator);
                out.add(p);
                p.allocateNew(rows);
                for (int r = 0; r < rows; r++) {
                    p.set(r, c == majority ? 1.0 : 0.0);
                }
                p.setValueCount(rows);
            }
            VectorSchemaRoot root = new VectorSchemaRoot(out);
            root.setRowCount(rows);
            return root;
        }

        @Override
        public void save(StateWriter state) {
            String type =
                    switch (labels.targetType().getTypeID()) {
                        case Int -> "int64";
                        case Bool -> "bool";
                        case FloatingPoint -> "float64";
                        default -> "utf8";
                    };
            state.putStrings("classes", labels.classes())
                    .putString("targetType", type)
                    .putLong("majority", majority)
                    .putStrings("features", features)
                    .putString("task", task.name());
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("majority", labels.classes().get(majority));
        }
    }
}
