package dev.quiver.plugins.io.csv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.testing.LeakCheckExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file cut into many small chunks reads exactly as in one chunk (the sequential tokenizer's pass): same rows,
 * same values, same line per row, same first error — with quoted newlines, doubled quotes, CRLF, lone CRs, blank
 * lines and a byte order mark falling on or near chunk boundaries.
 */
@ExtendWith(LeakCheckExtension.class)
class ChunkedReadTest {

    private static final int WHOLE_FILE = 1 << 24;
    private static final int[] SMALL_CHUNKS = {8, 13, 37, 100, 1000};

    @TempDir
    Path dir;

    private static CsvReadOptions options(int batchSize) {
        return new CsvReadOptions(
                (byte) ',',
                (byte) '"',
                true,
                List.of("NA"),
                batchSize,
                100,
                Map.of(
                        "id",
                        ColumnType.INT64,
                        "text",
                        ColumnType.UTF8,
                        "x",
                        ColumnType.FLOAT64,
                        "flag",
                        ColumnType.BOOL),
                "source.schema");
    }

    /** Rows whose text field is often quoted and holds delimiters, quotes, LFs and CRLFs; varied line endings. */
    private Path trickyFile(long seed, int rows) throws IOException {
        Random random = new Random(seed);
        String[] texts = {
            "plain",
            "\"a,b\"",
            "\"line\nbreak\"",
            "\"say \"\"hi\"\"\"",
            "\"crlf\r\ninside\"",
            "\"\"",
            "",
            "NA",
            "mid\"quote",
            "\"ends with\n\"",
            "\"\n\n\""
        };
        String[] endings = {"\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n"};
        StringBuilder csv = new StringBuilder("\uFEFFid,text,x,flag\n");
        for (int r = 0; r < rows; r++) {
            String x = random.nextInt(10) == 0 ? "" : Double.toString(random.nextGaussian() * 1e3);
            String flag = random.nextInt(7) == 0 ? "NA" : Boolean.toString(random.nextBoolean());
            String ending = endings[random.nextInt(endings.length)];
            if (ending.equals("\n \n")) {
                ending = "\n"; // a line holding a space is a record, not a blank line; keep the file valid
            }
            csv.append(r)
                    .append(',')
                    .append(texts[random.nextInt(texts.length)])
                    .append(',')
                    .append(x)
                    .append(',')
                    .append(flag)
                    .append(ending);
        }
        Path file = dir.resolve("tricky-" + seed + ".csv");
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** Every row as its line and values, read with chunks of about {@code chunkBytes}. */
    private static List<String> read(Path file, CsvReadOptions options, int chunkBytes, BufferAllocator allocator) {
        CsvLayout layout = CsvLayout.read(file, options);
        List<String> rows = new ArrayList<>();
        try (BatchReader reader = CsvBatchReader.open(file, layout, options, allocator, chunkBytes)) {
            VectorSchemaRoot root = reader.root();
            while (reader.loadNextBatch()) {
                for (int r = 0; r < root.getRowCount(); r++) {
                    StringBuilder row = new StringBuilder().append(reader.line(r));
                    for (FieldVector v : root.getFieldVectors()) {
                        row.append('|').append(v.isNull(r) ? "null" : String.valueOf(v.getObject(r)));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    @Test
    void smallChunksReadTheSameRowsValuesAndLinesAsOnePass(BufferAllocator allocator) throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            Path file = trickyFile(seed, 400);
            List<String> whole = read(file, options(64), WHOLE_FILE, allocator);
            assertEquals(400, whole.size());
            assertTrue(
                    whole.get(0).startsWith("2|0|"), "the first row is on line 2, after the header: " + whole.get(0));
            for (int chunk : SMALL_CHUNKS) {
                assertEquals(whole, read(file, options(64), chunk, allocator), "chunks of " + chunk + " bytes");
                assertEquals(whole, read(file, options(7), chunk, allocator), "batches of 7, chunks of " + chunk);
            }
        }
    }

    @Test
    void linesCountQuotedNewlinesCrLfAndLoneCarriageReturns(BufferAllocator allocator) throws IOException {
        Path file = dir.resolve("lines.csv");
        Files.writeString(
                file,
                "id,text,x,flag\r\n0,\"two\nlines\",1,true\r\n\r\n1,b,2,false\r2,\"c\r\nd\",3,true\n" + "\n3,e,4,true");
        for (int chunk : new int[] {8, 20, WHOLE_FILE}) {
            List<String> rows = read(file, options(2), chunk, allocator);
            assertEquals(
                    List.of("2|0|two\nlines|1.0|true", "5|1|b|2.0|false", "6|2|c\r\nd|3.0|true", "9|3|e|4.0|true"),
                    rows,
                    "chunks of " + chunk);
        }
    }

    @Test
    void theFirstErrorIsTheSameWhateverTheChunks(BufferAllocator allocator) throws IOException {
        Path file = trickyFile(7, 300);
        String text = Files.readString(file);
        // Row 250 gets a bad number; an unclosed quote after it must not win.
        int at = text.indexOf("\n250,");
        String broken = text.substring(0, at + 1) + "250,oops,not-a-number,true\n"
                + text.substring(at + 1).substring(text.substring(at + 1).indexOf('\n') + 1)
                + "999,\"never closed,1,true\n";
        Files.writeString(file, broken);
        String expected = assertThrows(QuiverException.class, () -> read(file, options(16), WHOLE_FILE, allocator))
                .getMessage();
        assertTrue(expected.contains("not-a-number"), expected);
        for (int chunk : SMALL_CHUNKS) {
            assertEquals(
                    expected,
                    assertThrows(QuiverException.class, () -> read(file, options(16), chunk, allocator))
                            .getMessage(),
                    "chunks of " + chunk);
        }
    }

    @Test
    void anUnclosedQuoteIsReportedOnTheLineItOpens(BufferAllocator allocator) throws IOException {
        Path file = dir.resolve("open.csv");
        Files.writeString(file, "id,text,x,flag\n0,a,1,true\n1,\"open,2,true\n2,b,3,true\n3,c,4,false\n");
        for (int chunk : new int[] {8, 30, WHOLE_FILE}) {
            QuiverException e = assertThrows(QuiverException.class, () -> read(file, options(16), chunk, allocator));
            assertTrue(
                    e.getMessage().contains(":3") && e.getMessage().contains("never closed"),
                    "chunks of " + chunk + ": " + e.getMessage());
        }
    }
}
