package dev.quiver.plugins.io.csv;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkFactory;
import java.util.List;

/**
 * {@code sink: {type: csv, path: ...}}: writes batches as a CSV file, atomically (renamed into place on
 * commit). Stateless and thread-safe.
 */
public final class CsvSinkFactory implements SinkFactory {

    public static final Option<String> PATH = Option.string("path", null)
            .required()
            .describe("The file to write; a relative path is taken from the pipeline file's folder. Missing folders "
                    + "are created.");
    public static final Option<String> DELIMITER =
            Option.string("delimiter", ",").describe("The field separator, one character.");
    public static final Option<Boolean> HEADER =
            Option.bool("header", true).describe("Whether to write a first line with the column names.");

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String description() {
        return "Writes a CSV file, replacing any old one atomically when done.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(PATH, DELIMITER, HEADER);
    }

    @Override
    public Sink create(Config config, PluginContext context) {
        String path = config.get(PATH);
        byte delimiter = CsvChars.single(config, DELIMITER);
        if (delimiter == '"') {
            config.problem(DELIMITER.name(), "the delimiter cannot be '\"', which the csv sink uses to quote fields.");
        }
        return new CsvSink(context.resolvePath(path), delimiter, config.get(HEADER));
    }
}
