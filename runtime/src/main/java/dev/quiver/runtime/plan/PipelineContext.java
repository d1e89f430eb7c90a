package dev.quiver.runtime.plan;

import dev.quiver.api.PluginContext;
import java.nio.file.Path;

/**
 * The runtime's {@link PluginContext}: paths resolve against the pipeline file's folder, and the pipeline's seed.
 * The same for every kind of factory (a model's training setup reaches it when it fits, see
 * {@link dev.quiver.api.model.FitContext#training()}). Immutable and thread-safe; the executor may make one to
 * reload fitted components ({@code new PipelineContext(folder, seed)}).
 */
public final class PipelineContext implements PluginContext {

    private static final System.Logger LOG = System.getLogger("dev.quiver");

    private final Path baseDir;
    private final long seed;

    /**
     * @param baseDir the pipeline file's folder
     * @param seed the pipeline's seed
     */
    public PipelineContext(Path baseDir, long seed) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.seed = seed;
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
    public void warn(String message) {
        LOG.log(System.Logger.Level.WARNING, message);
    }
}
