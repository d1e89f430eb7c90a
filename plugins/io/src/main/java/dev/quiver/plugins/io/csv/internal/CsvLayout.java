package dev.quiver.plugins.io.csv.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.plugins.io.internal.IoFailures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A CSV file's columns: names from the header (or {@code c0..cN} without one) and types, declared in the pipeline
 * or inferred from a sample. Immutable.
 *
 * @param declared for each column, whether its type was set by the user rather than inferred
 */
public record CsvLayout(List<String> names, List<ColumnType> types, List<Boolean> declared, Schema schema) {

    public CsvLayout {
        names = List.copyOf(names);
        types = List.copyOf(types);
        declared = List.copyOf(declared);
    }

    /** Reads the header and up to {@code inferRows} records: all it takes to know the columns. */
    public static CsvLayout read(Path path, CsvReadOptions options) {
        String file = path.toString();
        try (FileChannel channel = IoFailures.openForReading(path)) {
            CsvTokenizer tokens = new CsvTokenizer(channel, file, options.delimiter(), options.quote());
            if (!tokens.next()) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        file + ": the file is empty"
                                + (options.header() ? "; expected a header line naming the columns." : "."));
            }
            List<String> names = options.header() ? headerNames(tokens, file) : numberedNames(tokens.fieldCount());
            boolean hasRows = !options.header() || tokens.next();
            if (!hasRows && !options.declaredTypes().keySet().containsAll(names)) {
                // Inferring from no rows would make every column text, and the run would then fail far from here
                // over a "text" feature; the real news is that the file holds no data.
                throw QuiverException.data(file, 0, null, "the file has a header line but no data rows.");
            }
            ColumnType[] inferred =
                    hasRows ? infer(tokens, names.size(), options, file) : new TypeInference(names.size()).result();
            return build(names, inferred, options);
        } catch (IOException e) {
            throw IoFailures.reading(path, e);
        }
    }

    private static List<String> headerNames(CsvTokenizer tokens, String file) {
        List<String> names = new ArrayList<>(tokens.fieldCount());
        Map<String, Integer> seen = new HashMap<>();
        byte[] b = tokens.buffer();
        for (int i = 0; i < tokens.fieldCount(); i++) {
            if (Utf8Check.firstInvalid(b, tokens.start(i), tokens.end(i)) >= 0) {
                throw BadCell.notUtf8(file, tokens.line(), "c" + i, b, tokens.start(i), tokens.end(i));
            }
            String name = new String(b, tokens.start(i), tokens.end(i) - tokens.start(i), StandardCharsets.UTF_8);
            if (name.isEmpty()) {
                name = "c" + i; // e.g. the unnamed index column pandas writes
            }
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                throw QuiverException.data(
                        file,
                        tokens.line(),
                        null,
                        "column '" + name + "' appears twice in the " + "header, as field " + (earlier + 1)
                                + " and field " + (i + 1) + "; column names must be unique.");
            }
            names.add(name);
        }
        return names;
    }

    private static List<String> numberedNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("c" + i);
        }
        return names;
    }

    /** Infers from the current record (the first data row) and the ones after it. */
    private static ColumnType[] infer(CsvTokenizer tokens, int width, CsvReadOptions options, String file) {
        TypeInference inference = new TypeInference(width);
        MissingValues missing = new MissingValues(options.nullTokenBytes());
        int sampled = 0;
        boolean more = true;
        while (more && sampled < options.inferRows()) {
            if (tokens.fieldCount() != width) {
                throw ragged(file, tokens.line(), width, tokens.fieldCount());
            }
            byte[] b = tokens.buffer();
            for (int c = 0; c < width; c++) {
                int s = tokens.start(c);
                int e = tokens.end(c);
                // The column is not known to be text yet, so an empty cell counts as missing, not as a vote.
                if (!missing.isMissing(b, s, e, tokens.quoted(c), false)) {
                    inference.observe(c, b, s, e);
                }
            }
            sampled++;
            more = tokens.next();
        }
        return inference.result();
    }

    private static CsvLayout build(List<String> names, ColumnType[] inferred, CsvReadOptions options) {
        List<ColumnType> types = new ArrayList<>(names.size());
        List<Boolean> declared = new ArrayList<>(names.size());
        List<Field> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            ColumnType set = options.declaredTypes().get(names.get(i));
            ColumnType type = set != null ? set : inferred[i];
            types.add(type);
            declared.add(set != null);
            fields.add(Field.nullable(names.get(i), type.arrowType()));
        }
        return new CsvLayout(names, types, declared, new Schema(fields));
    }

    /** The error for a row with the wrong number of fields. */
    static QuiverException ragged(String file, long line, int expected, int found) {
        return QuiverException.data(
                file,
                line,
                null,
                "expected " + expected + " fields, found " + found + "; every row needs one value per column.");
    }
}
