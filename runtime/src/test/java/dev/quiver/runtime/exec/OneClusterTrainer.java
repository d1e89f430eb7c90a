package dev.quiver.runtime.exec;

import dev.quiver.api.Task;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.state.StateWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/** A clustering "model" that puts every row in cluster 0: enough to run a pipeline without a target. */
final class OneClusterTrainer implements Trainer {

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.CLUSTERING);
    }

    @Override
    public Model fit(TrainingData data, FitContext context) {
        List<String> features = data.features();
        return new Model() {
            @Override
            public String type() {
                return "one-cluster";
            }

            @Override
            public Task task() {
                return Task.CLUSTERING;
            }

            @Override
            public List<String> features() {
                return features;
            }

            @Override
            public List<String> classes() {
                return List.of();
            }

            @Override
            public List<Field> predictionFields() {
                return List.of(PredictionColumns.float64(PredictionColumns.PREDICTION));
            }

            @Override
            public VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator) {
                Float8Vector cluster = new Float8Vector(predictionFields().get(0), allocator);
                cluster.allocateNew(input.getRowCount());
                for (int r = 0; r < input.getRowCount(); r++) {
                    cluster.set(r, 0);
                }
                cluster.setValueCount(input.getRowCount());
                VectorSchemaRoot out = new VectorSchemaRoot(List.<FieldVector>of(cluster));
                out.setRowCount(input.getRowCount());
                return out;
            }

            @Override
            public void save(StateWriter state) {
                state.putStrings("features", features);
            }

            @Override
            public Map<String, Object> describe() {
                return Map.of();
            }
        };
    }
}
