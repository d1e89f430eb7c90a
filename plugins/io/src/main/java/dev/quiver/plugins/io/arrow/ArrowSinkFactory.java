package dev.quiver.plugins.io.arrow;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkFactory;
import java.util.List;
import java.util.Locale;

/**
 * {@code sink: {type: arrow, path: ...}}: writes batches as an Arrow IPC file or stream, atomically (renamed
 * into place on commit). Stateless and thread-safe.
 */
public final class ArrowSinkFactory implements SinkFactory {

    public static final Option<String> PATH = Option.string("path", null)
            .required()
            .describe("The file to write; a relative path is taken from the pipeline file's folder. Missing folders "
                    + "are created.");
    public static final Option<String> FORMAT = Option.choice("format", "file", "file", "stream")
            .describe("file (random access, with a footer; what pyarrow.ipc.open_file reads) or stream. When absent, "
                    + "stream for a path ending in .arrows (Arrow's suggested extension for streams), else file.");

    @Override
    public String name() {
        return "arrow";
    }

    @Override
    public String description() {
        return "Writes an Arrow IPC file or stream, replacing any old one atomically when done.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(PATH, FORMAT);
    }

    @Override
    public Sink create(Config config, PluginContext context) {
        String path = config.get(PATH);
        boolean streamByName =
                !config.has(FORMAT.name()) && path.toLowerCase(Locale.ROOT).endsWith(".arrows");
        IpcFormat format = streamByName ? IpcFormat.STREAM : IpcFormat.ofLabel(config.get(FORMAT));
        return new ArrowSink(context.resolvePath(path), format);
    }
}
