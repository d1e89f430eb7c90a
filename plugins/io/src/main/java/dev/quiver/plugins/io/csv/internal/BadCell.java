package dev.quiver.plugins.io.csv.internal;

import dev.quiver.api.QuiverException;

/** The errors for a cell that does not fit its column. Stateless. */
final class BadCell {

    private BadCell() {}

    /**
     * A cell that does not fit its column's type, with what to write in the pipeline to read it: a decimal in an
     * inferred int64 column is best read as float64, anything else as text.
     */
    static QuiverException of(
            String file,
            long line,
            int column,
            byte[] b,
            int start,
            int end,
            CsvLayout layout,
            CsvReadOptions options,
            CellParser parser) {
        String name = layout.names().get(column);
        ColumnType type = layout.types().get(column);
        if (type == ColumnType.UTF8) {
            return notUtf8(file, line, name, b, start, end);
        }
        String key = options.schemaKeyPath() + "." + name;
        String why;
        if (layout.declared().get(column)) {
            why = "the type was set by " + key;
        } else {
            boolean decimal = type == ColumnType.INT64 && parser.parseDouble(b, start, end);
            int sampled = options.inferRows();
            String fix = decimal ? "float64 to read it as a number with decimals" : "utf8 to read it as text";
            why = "the type was inferred from the first " + (sampled == 1 ? "row" : sampled + " rows") + "; set " + key
                    + ": " + fix;
        }
        return QuiverException.data(
                file,
                line,
                name,
                "cannot read '" + ChunkColumn.show(b, start, end) + "' as " + type.label() + " (" + why + ").");
    }

    /** Text must be UTF-8 (see {@link Utf8Check} for why it is refused here rather than decoded). */
    static QuiverException notUtf8(String file, long line, String column, byte[] b, int start, int end) {
        int at = Utf8Check.firstInvalid(b, start, end);
        return QuiverException.data(
                file,
                line,
                column,
                String.format(
                        java.util.Locale.ROOT,
                        "not valid UTF-8: byte 0x%02X at position %d of the cell; save the file as UTF-8.",
                        b[at] & 0xFF,
                        at - start + 1));
    }
}
