package dev.quiver.plugins.parquet;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkFactory;
import java.util.List;

/**
 * {@code sink: {type: parquet, path: ...}}: writes batches as one Parquet file, renamed into place on commit.
 * Stateless and thread-safe.
 */
public final class ParquetSinkFactory implements SinkFactory {

    public static final Option<String> PATH = Option.string("path", null)
            .required()
            .describe("The file to write; a relative path is taken from the pipeline file's folder. Missing folders "
                    + "are created.");

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String description() {
        return "Writes one Parquet file, replacing any old one atomically when done.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(PATH);
    }

    @Override
    public Sink create(Config config, PluginContext context) {
        return new ParquetSink(context.resolvePath(config.get(PATH)));
    }
}
