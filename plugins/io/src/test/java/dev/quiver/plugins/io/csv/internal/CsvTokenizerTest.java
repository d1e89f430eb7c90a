package dev.quiver.plugins.io.csv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.api.QuiverException;
import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvTokenizerTest {

    /** Every record as its fields' text, read through a buffer of {@code bufferSize} bytes. */
    private static List<List<String>> tokenize(byte[] csv, int bufferSize) {
        CsvTokenizer tokens = new CsvTokenizer(
                Channels.newChannel(new ByteArrayInputStream(csv)), "t.csv", (byte) ',', (byte) '"', bufferSize);
        List<List<String>> records = new ArrayList<>();
        while (tokens.next()) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < tokens.fieldCount(); i++) {
                fields.add(new String(
                        tokens.buffer(), tokens.start(i), tokens.end(i) - tokens.start(i), StandardCharsets.UTF_8));
            }
            records.add(fields);
        }
        return records;
    }

    private static List<List<String>> tokenize(String csv, int bufferSize) {
        return tokenize(csv.getBytes(StandardCharsets.UTF_8), bufferSize);
    }

    @Test
    void splitsRecordsAndFields() {
        assertEquals(List.of(List.of("a", "b", ""), List.of("", "x y", "z")), tokenize("a,b,\n,x y,z", 64));
    }

    @Test
    void aTrailingDelimiterAtTheEndOfInputIsAnEmptyLastField() {
        assertEquals(List.of(List.of("a", "")), tokenize("a,", 64));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsText() {
        assertEquals(List.of(List.of("5'11\"", "x")), tokenize("5'11\",x\n", 64));
    }

    @Test
    void countsLinesAcrossBlankLinesCarriageReturnsAndQuotedBreaks() {
        byte[] csv = "a\n\n\"b\nc\"\r\n\rd\n".getBytes(StandardCharsets.UTF_8);
        CsvTokenizer tokens = new CsvTokenizer(
                Channels.newChannel(new ByteArrayInputStream(csv)), "t.csv", (byte) ',', (byte) '"', 64);
        List<Long> lines = new ArrayList<>();
        while (tokens.next()) {
            lines.add(tokens.line());
        }
        assertEquals(List.of(1L, 3L, 6L), lines);
    }

    @Test
    void aRecordLongerThanTheBufferGrowsIt() {
        String longField = "x".repeat(1000);
        assertEquals(List.of(List.of("a", longField), List.of("b", "c")), tokenize("a," + longField + "\nb,c\n", 8));
    }

    /**
     * Random tables with every awkward character, written the RFC way, read back through buffers of many small
     * sizes, so that a refill lands at every position inside fields, quotes, doubled quotes and CRLFs.
     */
    @Test
    void readsBackRandomTablesThroughAnyBufferSize() {
        Random random = new Random(7);
        String alphabet = "ab,\"\n\r é";
        for (int trial = 0; trial < 30; trial++) {
            List<List<String>> table = new ArrayList<>();
            StringBuilder csv = new StringBuilder();
            int rows = 1 + random.nextInt(6);
            int columns = 1 + random.nextInt(4);
            for (int r = 0; r < rows; r++) {
                List<String> record = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    StringBuilder field = new StringBuilder();
                    int length = random.nextInt(6);
                    for (int i = 0; i < length; i++) {
                        field.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    String value = field.toString();
                    record.add(value);
                    if (c > 0) {
                        csv.append(',');
                    }
                    boolean mustQuote = value.matches("(?s).*[,\"\n\r].*") || (columns == 1 && value.isEmpty());
                    csv.append(mustQuote || random.nextBoolean() ? '"' + value.replace("\"", "\"\"") + '"' : value);
                }
                csv.append(random.nextBoolean() ? "\r\n" : "\n");
                table.add(record);
            }
            for (int size : new int[] {4, 5, 6, 7, 9, 13, 64}) {
                assertEquals(
                        table, tokenize(csv.toString(), size), "trial " + trial + ", buffer " + size + ":\n" + csv);
            }
        }
    }

    @Test
    void anUnclosedQuoteIsAnErrorAtTheLineItOpened() {
        QuiverException e = assertThrows(QuiverException.class, () -> tokenize("a\n\"b\nc\n", 4));
        assertEquals("t.csv:2: a quoted field opened on this line is never closed.", e.getMessage());
    }
}
