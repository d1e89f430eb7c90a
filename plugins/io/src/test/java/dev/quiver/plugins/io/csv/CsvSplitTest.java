package dev.quiver.plugins.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte-range splits of a CSV file, as a distributed engine's driver makes them and its tasks read them. */
@ExtendWith(LeakCheckExtension.class)
class CsvSplitTest {

    @TempDir
    Path dir;

    private Source source(Path file, int batchSize) {
        MapConfig config =
                new MapConfig("source", Map.of("path", file.toString(), "batchSize", batchSize, "inferRows", 100));
        Source source = new CsvSourceFactory().create(config, new TestContext(dir, 1L));
        config.assertNoProblems();
        return source;
    }

    /** Rows "i,i*i" for i in 0..rows-1 under a header; lines of unequal length, so cuts fall mid-line. */
    private Path squares(int rows) throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append((long) i * i).append('\n');
        }
        return Files.writeString(dir.resolve("squares.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    private static List<Double> column(BatchReader reader, String name) {
        List<Double> values = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                for (int r = 0; r < reader.root().getRowCount(); r++) {
                    values.add(ArrowColumns.getDouble(reader.root().getVector(name), r));
                }
            }
        }
        return values;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 5000})
    void theSplitsHoldEveryRowOnceInFileOrder(int count, BufferAllocator allocator) throws Exception {
        Path file = squares(1000);
        Source source = source(file, 64);
        List<SourceSplit> splits = source.splits(count);
        assertEquals(Math.min(count, Files.size(file)), splits.size());
        List<Double> x = new ArrayList<>();
        for (SourceSplit split : splits) {
            x.addAll(column(roundTrip(split).open(allocator), "x"));
        }
        assertEquals(column(source.open(allocator), "x"), x);
        assertEquals(1000, x.size());
    }

    @Test
    void anErrorInALaterSplitNamesItsTrueLine(BufferAllocator allocator) throws IOException {
        Path file = squares(1000);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(901, "900,oops"); // line 902 of the file: the header is line 1
        Files.write(file, lines);
        List<SourceSplit> splits = source(file, 64).splits(4);
        // y is int64 by the 100-row sample: "oops" fails in the last split, which starts far after line 1.
        for (int i = 0; i < 3; i++) {
            column(splits.get(i).open(allocator), "x");
        }
        QuiverException e =
                assertThrows(QuiverException.class, () -> column(splits.get(3).open(allocator), "x"));
        assertTrue(e.getMessage().contains("squares.csv:902 column 'y'"), e::getMessage);
    }

    /**
     * Rows "i,\"note i\n...\"" whose quoted notes hold newlines (LF, CRLF) and doubled quotes, so that most byte
     * cuts fall inside a quoted field, where a newline does not end the record.
     */
    private Path notes(int rows) throws IOException {
        StringBuilder csv = new StringBuilder("x,note\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(",\"note ").append(i);
            for (int k = 0; k < i % 4; k++) {
                csv.append(k % 2 == 0 ? "\n" : "\r\n")
                        .append("said \"\"")
                        .append(k)
                        .append("\"\",");
            }
            csv.append("\"\n");
        }
        return Files.writeString(dir.resolve("notes.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> texts(BatchReader reader, String name) {
        List<String> values = new ArrayList<>();
        try (reader) {
            while (reader.loadNextBatch()) {
                for (int r = 0; r < reader.root().getRowCount(); r++) {
                    values.add(String.valueOf(reader.root().getVector(name).getObject(r)));
                }
            }
        }
        return values;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7, 64, 500})
    void aQuotedFieldHoldingNewlinesIsNeverCut(int count, BufferAllocator allocator) throws Exception {
        Path file = notes(300);
        Source source = source(file, 16);
        List<String> expected = texts(source.open(allocator), "note");
        assertEquals(300, expected.size());
        assertTrue(expected.get(3).contains("\n"), "the notes hold newlines");
        List<String> notes = new ArrayList<>();
        List<Double> x = new ArrayList<>();
        List<SourceSplit> splits = source.splits(count);
        assertEquals(count, splits.size());
        int nonEmpty = 0;
        for (SourceSplit split : splits) {
            List<String> part = texts(roundTrip(split).open(allocator), "note");
            nonEmpty += part.isEmpty() ? 0 : 1;
            notes.addAll(part);
            x.addAll(column(split.open(allocator), "x"));
        }
        assertEquals(expected, notes, "every record once, whole, in file order");
        assertEquals(column(source.open(allocator), "x"), x);
        int reading = nonEmpty;
        assertTrue(reading >= Math.min(count, 100), () -> "the work is spread: " + reading + " splits read rows");
    }

    @Test
    void afterQuotedNewlinesAnErrorStillNamesItsTrueLine(BufferAllocator allocator) throws IOException {
        Path file = notes(300);
        // Row 290 starts on line 1 (header) + 290 rows' first lines + the notes' extra lines before it.
        long line = 2;
        for (int i = 0; i < 290; i++) {
            line += 1 + i % 4;
        }
        String text = Files.readString(file).replace("\n290,\"note 290", "\nbad,\"note 290");
        Files.writeString(file, text);
        List<SourceSplit> splits = source(file, 16).splits(4);
        for (int i = 0; i < 3; i++) {
            column(splits.get(i).open(allocator), "x");
        }
        QuiverException e =
                assertThrows(QuiverException.class, () -> column(splits.get(3).open(allocator), "x"));
        assertTrue(e.getMessage().contains("notes.csv:" + line + " column 'x'"), e::getMessage);
    }

    @Test
    void aQuoteNeverClosedIsFoundWhenSplitting() throws IOException {
        Path file = Files.writeString(dir.resolve("open.csv"), "x,note\n1,\"fine\"\n2,\"never closed\n3,x\n");
        QuiverException e =
                assertThrows(QuiverException.class, () -> source(file, 16).splits(2));
        assertTrue(e.getMessage().contains("open.csv:3"), e::getMessage);
        assertTrue(e.getMessage().contains("never closed"), e::getMessage);
    }

    private static SourceSplit roundTrip(SourceSplit split) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(split);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SourceSplit) in.readObject();
        }
    }
}
