package dev.quiver.runtime.plan;

import dev.quiver.api.PluginContext;
import dev.quiver.api.model.TrainingSetup;
import java.nio.file.Path;

/**
 * The runtime's {@link PluginContext}: paths resolve against the pipeline file's folder, the pipeline's seed,
 * and (for model factories only) the {@code training:} setup. Immutable and thread-safe; the executor may make
 * one to reload fitted components ({@code new PipelineContext(folder, seed, null)}).
 */
public final class PipelineContext implements PluginContext {

    private static final System.Logger LOG = System.getLogger("dev.quiver");

    private final Path baseDir;
    private final long seed;
    private final TrainingSetup training;

    /**
     * @param baseDir the pipeline file's folder
     * @param seed the pipeline's seed
     * @param training the training setup for a model factory; null for every other component
     */
    public PipelineContext(Path baseDir, long seed, TrainingSetup training) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.seed = seed;
        this.training = training;
    }

    /** The same context with a training setup, for a model factory. */
    public PipelineContext withTraining(TrainingSetup setup) {
        return new PipelineContext(baseDir, seed, setup);
    }

    public Path baseDir() {
        return baseDir;
    }

    @Override
    public Path resolvePath(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p.normalize() : baseDir.resolve(p).normalize();
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public TrainingSetup training() {
        if (training == null) {
            throw new UnsupportedOperationException("training() is offered to model factories only");
        }
        return training;
    }

    @Override
    public void warn(String message) {
        LOG.log(System.Logger.Level.WARNING, message);
    }
}
