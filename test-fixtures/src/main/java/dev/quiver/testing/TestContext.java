package dev.quiver.testing;

import dev.quiver.api.PluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PluginContext} for unit tests: paths resolve against a given folder, a fixed seed, and warnings
 * collected for assertions. (A model's training setup is not part of it: see {@link TestTraining} and
 * {@link TestFitContext}.)
 */
public final class TestContext implements PluginContext {

    private final Path base;
    private final long seed;
    private final List<String> warnings = new ArrayList<>();

    public TestContext() {
        this(Path.of("."), 42L);
    }

    public TestContext(Path base, long seed) {
        this.base = base;
        this.seed = seed;
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
    public void warn(String message) {
        warnings.add(message);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
