package dev.quiver.plugins.io.csv.internal;

import dev.quiver.api.QuiverException;
import java.util.Arrays;
import java.util.List;

/**
 * The records of one chunk, converted: {@code rows} rows of every column, the line each starts on, and the error
 * that stopped the chunk, if any, which the reader throws once it has handed out the rows before it. Made on a
 * worker thread, then only read.
 */
final class ParsedChunk {

    final int rows;
    final long[] lines;
    final ChunkColumn[] columns;
    final QuiverException failure;

    ParsedChunk(int rows, long[] lines, ChunkColumn[] columns, QuiverException failure) {
        this.rows = rows;
        this.lines = lines;
        this.columns = columns;
        this.failure = failure;
    }

    /**
     * Splits and converts {@code raw} (see {@link CsvBatchReader} for the rules a cell follows); never throws for
     * bad data, which becomes the chunk's failure.
     */
    static ParsedChunk parse(ChunkSplitter.RawChunk raw, String file, CsvLayout layout, CsvReadOptions options) {
        if (raw.failure() != null) {
            return new ParsedChunk(0, new long[0], new ChunkColumn[0], raw.failure());
        }
        CellParser parser = new CellParser();
        List<ColumnType> types = layout.types();
        int width = types.size();
        ChunkColumn[] columns = new ChunkColumn[width];
        for (int c = 0; c < width; c++) {
            columns[c] = ChunkColumn.of(types.get(c), parser);
        }
        MissingValues missing = new MissingValues(options.nullTokenBytes());
        CsvTokenizer tokens = new CsvTokenizer(
                raw.data(),
                raw.length(),
                file,
                options.delimiter(),
                options.quote(),
                raw.firstLine(),
                raw.startOfFile());
        // A guess from the bytes (never below one row per 8 bytes of a numeric row), grown when it falls short.
        int capacity = Math.max(16, raw.length() / Math.max(8, 4 * width));
        long[] lines = new long[capacity];
        for (ChunkColumn column : columns) {
            column.grow(capacity);
        }
        int rows = 0;
        try {
            if (raw.startOfFile() && options.header()) {
                tokens.next();
            }
            while (tokens.next()) {
                if (tokens.fieldCount() != width) {
                    throw CsvLayout.ragged(file, tokens.line(), width, tokens.fieldCount());
                }
                if (rows == capacity) {
                    capacity = (int) Math.min(Integer.MAX_VALUE - 8, capacity * 2L);
                    lines = Arrays.copyOf(lines, capacity);
                    for (ChunkColumn column : columns) {
                        column.grow(capacity);
                    }
                }
                byte[] b = tokens.buffer();
                for (int c = 0; c < width; c++) {
                    ChunkColumn column = columns[c];
                    int s = tokens.start(c);
                    int e = tokens.end(c);
                    if (missing.isMissing(b, s, e, tokens.quoted(c), column.isText())) {
                        column.writeNull(rows);
                    } else if (!column.write(rows, b, s, e)) {
                        throw BadCell.of(file, tokens.line(), c, b, s, e, layout, options, parser);
                    }
                }
                lines[rows] = tokens.line();
                rows++;
            }
        } catch (QuiverException e) {
            return new ParsedChunk(rows, lines, columns, e);
        }
        return new ParsedChunk(rows, lines, columns, null);
    }
}
