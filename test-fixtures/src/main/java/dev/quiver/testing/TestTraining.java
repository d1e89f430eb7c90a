package dev.quiver.testing;

import dev.quiver.api.Factory;
import dev.quiver.api.Plugin;
import dev.quiver.api.Task;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingDefaults;
import dev.quiver.api.model.TrainingOptions;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.api.optim.Schedule;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Builds the {@link TrainingSetup} the runtime would build from a {@code training:} map, for tests of an
 * iteratively trained model: the loss, optimizer and schedule it names (or the trainer's
 * {@link TrainingDefaults}) are made by the plugins on the test classpath, found with {@link ServiceLoader}.
 * Mistakes are recorded on the {@link MapConfig} passed in (or, for the map overloads, fail the test).
 * Stateless.
 */
public final class TestTraining {

    private TestTraining() {}

    /** The setup for {@code task} from a {@code training:} map; any problem fails the test. */
    public static TrainingSetup setup(Trainer trainer, Task task, Map<String, Object> training) {
        MapConfig config = new MapConfig("training", training);
        TrainingSetup setup = setup(trainer, task, config, null, null);
        config.assertNoProblems();
        return setup;
    }

    /**
     * The setup for {@code task} from a {@code training:} mapping, with a given loss and optimizer (null: what
     * the mapping names, else the trainer's default). Problems are recorded on {@code training}.
     */
    public static TrainingSetup setup(Trainer trainer, Task task, MapConfig training, Loss loss, Optimizer optimizer) {
        TrainingDefaults defaults = trainer.training()
                .orElseThrow(() -> new IllegalArgumentException(
                        "the trainer does not train iteratively: it declares no training()"));
        Loss chosenLoss = loss != null
                ? loss
                : make(
                        training,
                        TrainingOptions.LOSS.name(),
                        defaults.loss(task)
                                .orElseThrow(() -> new IllegalArgumentException("no default loss for " + task)),
                        Plugin::getLossFactories);
        Optimizer chosenOptimizer = optimizer != null
                ? optimizer
                : make(training, TrainingOptions.OPTIMIZER.name(), defaults.optimizer(), Plugin::getOptimizerFactories);
        Schedule schedule = training.has(TrainingOptions.SCHEDULE.name())
                ? make(training, TrainingOptions.SCHEDULE.name(), null, Plugin::getScheduleFactories)
                : Schedule.constant();
        return TrainingOptions.read(training, chosenLoss, chosenOptimizer, schedule, 0);
    }

    /** Makes the entry under {@code key} (a name or a mapping with a type), or {@code fallback} when absent. */
    private static <T> T make(
            MapConfig training, String key, Object fallback, Function<Plugin, Iterable<? extends Factory<T>>> kind) {
        Object entry = training.has(key) ? training.get(dev.quiver.api.config.Option.any(key)) : fallback;
        Map<String, Object> options = new LinkedHashMap<>();
        String type;
        if (entry instanceof Map<?, ?> map) {
            map.forEach((k, v) -> options.put(String.valueOf(k), v));
            type = String.valueOf(options.remove("type"));
        } else {
            type = String.valueOf(entry);
        }
        Map<String, Factory<T>> factories = new HashMap<>();
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            kind.apply(plugin).forEach(f -> factories.put(f.name(), f));
        }
        Factory<T> factory = factories.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("no plugin on the test classpath provides " + key + " '" + type
                    + "'; known: " + factories.keySet());
        }
        MapConfig config = new MapConfig(training.path() + "." + key, options);
        T made = factory.create(config, new TestContext());
        config.assertNoProblems();
        return made;
    }
}
