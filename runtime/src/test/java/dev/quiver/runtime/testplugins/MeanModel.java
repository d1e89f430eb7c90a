package dev.quiver.runtime.testplugins;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.model.TrainingDefaults;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Test model {@code mean}: predicts the mean target of the training rows (regression only). It trains
 * "iteratively", as a third-party model would, so that the {@code training:} section can be tested: the runtime
 * builds the setup (default loss {@code squared}, optimizer {@code sgd} from the test plugin), and each of its
 * epochs recomputes the same mean and reports it.
 */
public final class MeanModel implements ModelFactory {

    static final Option<Double> SHIFT = Option.real("shift", 0.0).describe("Added to every prediction.");

    @Override
    public String name() {
        return "mean";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(SHIFT);
    }

    @Override
    public boolean trainsIteratively() {
        return true;
    }

    @Override
    public Trainer create(Config config, PluginContext context) {
        return new MeanTrainer(config.get(SHIFT), 1);
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        return new Mean(state.getDouble("mean"), state.getStrings("features"));
    }

    /**
     * The trainer of the mean model, which shifts the mean by {@code shift}.
     *
     * @param epochs the epochs when the pipeline was built in code, without a training setup
     */
    public record MeanTrainer(double shift, int epochs) implements Trainer {

        @Override
        public Set<Task> tasks() {
            return Set.of(Task.REGRESSION);
        }

        @Override
        public Optional<TrainingDefaults> training() {
            return Optional.of(new TrainingDefaults(Map.of(Task.REGRESSION, "squared"), Map.of("type", "sgd")));
        }

        @Override
        public Model fit(TrainingData data, FitContext context) {
            int epochs = context.training().map(TrainingSetup::epochs).orElse(this.epochs);
            String target = data.target().orElseThrow().getName();
            double mean = Double.NaN;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                double sum = 0;
                long rows = 0;
                try (BatchReader reader = data.open(context.allocator())) {
                    while (reader.loadNextBatch()) {
                        FieldVector column = reader.root().getVector(target);
                        for (int r = 0; r < reader.root().getRowCount(); r++) {
                            sum += ArrowColumns.getDouble(column, r);
                            rows++;
                        }
                    }
                }
                mean = sum / rows;
                context.epochEnded(new EpochStats(epoch, 0.0, Double.NaN, Map.of(), rows, 0.0, 0.0));
            }
            return new Mean(mean + shift, data.features());
        }
    }

    record Mean(double mean, List<String> features) implements Model {

        @Override
        public String type() {
            return "mean";
        }

        @Override
        public Task task() {
            return Task.REGRESSION;
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
            int rows = input.getRowCount();
            Float8Vector out = new Float8Vector(predictionFields().get(0), allocator);
            out.allocateNew(rows);
            for (int r = 0; r < rows; r++) {
                out.set(r, mean);
            }
            out.setValueCount(rows);
            VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(out));
            root.setRowCount(rows);
            return root;
        }

        @Override
        public void save(StateWriter state) {
            state.putDouble("mean", mean).putStrings("features", features);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("mean", mean);
        }
    }
}
