package dev.quiver.plugins.io.csv.internal;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * How to read one CSV file: the validated options of a {@code csv} source. Immutable; serializable, so a split
 * carries it to another process.
 *
 * @param delimiter the field separator (one ASCII byte)
 * @param quote the quote character (one ASCII byte)
 * @param header whether the first record names the columns
 * @param nullTokens unquoted cell texts that mean "missing"
 * @param batchSize rows per batch
 * @param inferRows rows sampled to infer column types
 * @param declaredTypes types the user set for some columns, which skip inference
 * @param schemaKeyPath where {@code declaredTypes} live in the pipeline file (e.g. {@code source.schema}), for
 *     messages that tell the user what to write
 */
public record CsvReadOptions(
        byte delimiter,
        byte quote,
        boolean header,
        List<String> nullTokens,
        int batchSize,
        int inferRows,
        Map<String, ColumnType> declaredTypes,
        String schemaKeyPath)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public CsvReadOptions {
        nullTokens = List.copyOf(nullTokens);
        declaredTypes = Map.copyOf(declaredTypes);
    }

    /** The null tokens as bytes, for matching cells without decoding them. */
    byte[][] nullTokenBytes() {
        return nullTokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }
}
