package dev.quiver.plugins.io.arrow;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceFactory;
import java.util.List;

/**
 * {@code source: {type: arrow, path: ...}}: an Arrow IPC file or stream, read batch by batch as stored.
 * Stateless and thread-safe.
 */
public final class ArrowSourceFactory implements SourceFactory {

    public static final Option<String> PATH = Option.string("path", null)
            .required()
            .describe("The Arrow IPC file; a relative path is taken from the pipeline file's folder.");
    public static final Option<String> FORMAT = Option.choice("format", "auto", "auto", "file", "stream")
            .describe("file (random access, with a footer), stream, or auto: file when it starts with ARROW1.");

    @Override
    public String name() {
        return "arrow";
    }

    @Override
    public String description() {
        return "Reads an Arrow IPC file or stream, one stored record batch at a time.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(PATH, FORMAT);
    }

    @Override
    public Source create(Config config, PluginContext context) {
        String path = config.get(PATH);
        String format = config.get(FORMAT);
        return new ArrowSource(context.resolvePath(path), "auto".equals(format) ? null : IpcFormat.ofLabel(format));
    }
}
