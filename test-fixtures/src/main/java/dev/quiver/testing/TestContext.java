package dev.quiver.testing;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.Optimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link PluginContext} for unit tests: paths resolve against a given folder, a fixed seed, an optional
 * training setup, and warnings collected for assertions.
 */
public final class TestContext implements PluginContext {

    private final Path base;
    private final long seed;
    private final TrainingSetup training;
    private final List<String> warnings = new ArrayList<>();

    public TestContext() {
        this(Path.of("."), 42L, training(MapConfig.of(), null, null));
    }

    public TestContext(Path base, long seed, TrainingSetup training) {
        this.base = base;
        this.seed = seed;
        this.training = training;
    }

    /** A training setup from a {@code training:} map and an optional loss and optimizer. */
    public static TrainingSetup training(Config config, Loss loss, Optimizer optimizer) {
        return new TrainingSetup() {
            @Override
            public Config config() {
                return config;
            }

            @Override
            public Optional<Loss> loss() {
                return Optional.ofNullable(loss);
            }

            @Override
            public Optional<Optimizer> optimizer() {
                return Optional.ofNullable(optimizer);
            }
        };
    }

    /** A context whose {@code training:} section is {@code training}, with no loss or optimizer given. */
    public static TestContext withTraining(Map<String, Object> training) {
        return new TestContext(Path.of("."), 42L, training(new MapConfig("training", training), null, null));
    }

    @Override
    public Path resolvePath(String path) {
        return base.resolve(path);
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public TrainingSetup training() {
        return training;
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
