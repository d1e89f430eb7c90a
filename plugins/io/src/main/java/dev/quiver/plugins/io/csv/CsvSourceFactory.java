package dev.quiver.plugins.io.csv;

import dev.quiver.api.Location;
import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.plugins.io.csv.internal.ColumnType;
import dev.quiver.plugins.io.csv.internal.CsvReadOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code source: {type: csv, path: ...}}: a delimited text file, streamed in batches with typed columns.
 *
 * <p>Column types are inferred from the first {@code inferRows} rows (int64, float64, bool, else utf8) unless
 * {@code schema:} sets them. Stateless and thread-safe.
 */
public final class CsvSourceFactory implements SourceFactory {

    public static final Option<String> PATH = Option.string("path", null)
            .required()
            .describe("The CSV file; a relative path is taken from the pipeline file's folder.");
    public static final Option<String> DELIMITER = Option.string("delimiter", ",")
            .describe("The field separator, one character (\"\\t\" for tab-separated files).");
    public static final Option<String> QUOTE = Option.string("quote", "\"")
            .describe("The character that quotes fields containing delimiters, quotes or line breaks.");
    public static final Option<Boolean> HEADER = Option.bool("header", true)
            .describe("Whether the first line names the columns; without one they are named c0, c1, ...");
    public static final Option<List<String>> NULL_TOKENS = Option.strings("nullTokens", List.of("", "NA", "null"))
            .describe("Unquoted cell texts that mean a missing value.");
    public static final Option<Integer> BATCH_SIZE =
            Option.integer("batchSize", 8192).atLeast(1).describe("Rows per batch.");
    public static final Option<Integer> INFER_ROWS =
            Option.integer("inferRows", 1000).atLeast(1).describe("How many rows are sampled to infer column types.");
    public static final Option<Config> SCHEMA = Option.section("schema")
            .describe("Column types that skip inference, as column: type with type one of int64, float64, utf8, bool.");

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String description() {
        return "Reads a CSV file in batches, inferring column types from a sample.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(PATH, DELIMITER, QUOTE, HEADER, NULL_TOKENS, BATCH_SIZE, INFER_ROWS, SCHEMA);
    }

    @Override
    public Source create(Config config, PluginContext context) {
        String path = config.get(PATH);
        byte delimiter = CsvChars.single(config, DELIMITER);
        byte quote = CsvChars.single(config, QUOTE);
        if (delimiter == quote) {
            config.problem(QUOTE.name(), "the quote character must differ from the delimiter.");
        }
        Map<String, ColumnType> declared = new LinkedHashMap<>();
        Map<String, Location> declaredAt = new LinkedHashMap<>();
        Config schema = config.get(SCHEMA);
        if (schema != null) {
            for (String column : schema.keys()) {
                String label = schema.get(Option.choice(column, null, ColumnType.labels()));
                if (label != null) {
                    declared.put(column, ColumnType.ofLabel(label));
                    declaredAt.put(column, schema.location(column));
                }
            }
        }
        String schemaKey = config.path().isEmpty() ? SCHEMA.name() : config.path() + "." + SCHEMA.name();
        CsvReadOptions options = new CsvReadOptions(
                delimiter,
                quote,
                config.get(HEADER),
                config.get(NULL_TOKENS),
                config.get(BATCH_SIZE),
                config.get(INFER_ROWS),
                declared,
                schemaKey);
        return new CsvSource(context.resolvePath(path), options, declaredAt);
    }
}
