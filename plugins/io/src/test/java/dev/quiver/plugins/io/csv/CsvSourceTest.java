package dev.quiver.plugins.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SourceConformance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(LeakCheckExtension.class)
class CsvSourceTest {

    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    private static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
    private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    private Source source(Object... options) {
        MapConfig config = config(options);
        Source source = new CsvSourceFactory().create(config, new TestContext(dir, 1L));
        config.assertNoProblems();
        return source;
    }

    private static MapConfig config(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapConfig("source", map);
    }

    private static List<ArrowType> types(Schema schema) {
        return schema.getFields().stream().map(Field::getType).toList();
    }

    private static List<String> names(Schema schema) {
        return schema.getFields().stream().map(Field::getName).toList();
    }

    @Test
    void infersTheNarrowestTypeThatReadsEveryCell(BufferAllocator allocator) throws IOException {
        write("t.csv", """
                i,f,widened,b,s,empty,mixed
                1,1.5,1,true,x,,true
                -2,2,2.5,FALSE,y,,1
                ,nan,,True,3,NA,
                """);
        Schema schema = source("path", "t.csv").schema();
        assertEquals(List.of("i", "f", "widened", "b", "s", "empty", "mixed"), names(schema));
        assertEquals(List.of(INT64, FLOAT64, FLOAT64, BOOL, UTF8, UTF8, UTF8), types(schema));
        List<List<Object>> rows = SourceConformance.readAll(source("path", "t.csv"), allocator);
        assertEquals(Arrays.asList(1L, 1.5, 1.0, true, "x", null, "true"), rows.get(0));
        assertEquals(Arrays.asList(-2L, 2.0, 2.5, false, "y", null, "1"), rows.get(1));
        assertEquals(Arrays.asList(null, Double.NaN, null, true, "3", null, null), rows.get(2));
    }

    @Test
    void infersFromTheSampleOnlyAndNamesTheFixInTheError(BufferAllocator allocator) throws IOException {
        write("t.csv", "id,area\n1,10.5\n2,11\n3,abc\n");
        Source source = source("path", "t.csv", "inferRows", 2);
        assertEquals(List.of(INT64, FLOAT64), types(source.schema()));
        QuiverException e = assertThrows(QuiverException.class, () -> SourceConformance.readAll(source, allocator));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(
                dir.resolve("t.csv") + ":4 column 'area': cannot read 'abc' as float64 (the type was inferred "
                        + "from the first 2 rows; set source.schema.area: utf8 to read it as text).",
                e.getMessage());
    }

    @Test
    void aDecimalInAnIntegerColumnSuggestsFloat64(BufferAllocator allocator) throws IOException {
        write("t.csv", "rooms\n3\n2.5\n");
        Source source = source("path", "t.csv", "inferRows", 1);
        QuiverException e = assertThrows(QuiverException.class, () -> SourceConformance.readAll(source, allocator));
        assertEquals(
                dir.resolve("t.csv") + ":3 column 'rooms': cannot read '2.5' as int64 (the type was inferred "
                        + "from the first row; set source.schema.rooms: float64 to read it as a number with decimals).",
                e.getMessage());
    }

    @Test
    void schemaOverridesInferenceForTheNamedColumnsOnly(BufferAllocator allocator) throws IOException {
        write("t.csv", "zip,n,flag\n01234,1,1\n98765,2,0\n");
        Source source = source("path", "t.csv", "schema", Map.of("zip", "utf8", "flag", "float64"));
        assertEquals(List.of(UTF8, INT64, FLOAT64), types(source.schema()));
        assertEquals(
                List.of(List.of("01234", 1L, 1.0), List.of("98765", 2L, 0.0)),
                SourceConformance.readAll(source, allocator));
    }

    @Test
    void aDeclaredTypeThatDoesNotFitNamesWhereItWasSet(BufferAllocator allocator) throws IOException {
        write("t.csv", "a,b\n1,x\n");
        Source source = source("path", "t.csv", "schema", Map.of("b", "int64"));
        QuiverException e = assertThrows(QuiverException.class, () -> SourceConformance.readAll(source, allocator));
        assertEquals(
                dir.resolve("t.csv") + ":2 column 'b': cannot read 'x' as int64 (the type was set by "
                        + "source.schema.b).",
                e.getMessage());
    }

    @Test
    void aSchemaEntryForAMissingColumnIsAConfigProblemAtThatKey() throws IOException {
        write("t.csv", "area,price\n1,2\n");
        Source source = source("path", "t.csv", "schema", Map.of("aera", "float64"));
        QuiverException e = assertThrows(QuiverException.class, source::schema);
        assertEquals(ErrorCode.CONFIG, e.code());
        assertEquals(1, e.problems().size());
        assertEquals("source.schema.aera", e.problems().get(0).location().keyPath());
        assertTrue(e.problems().get(0).message().contains("no column 'aera'"), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("did you mean 'area'?"), e.getMessage());
    }

    @Test
    void anUnknownTypeInTheSchemaIsAConfigProblem() {
        MapConfig config = config("path", "t.csv", "schema", Map.of("a", "float"));
        new CsvSourceFactory().create(config, new TestContext(dir, 1L));
        assertEquals(1, config.problems().size(), config.messages()::toString);
        assertEquals("source.schema.a", config.problems().get(0).location().keyPath());
        assertTrue(config.messages().get(0).contains("float64"), config.messages()::toString);
    }

    @Test
    void badDelimiterAndQuoteAreConfigProblems() {
        MapConfig config = config("path", "t.csv", "delimiter", ";;", "quote", "'");
        new CsvSourceFactory().create(config, new TestContext(dir, 1L));
        assertEquals(
                List.of("source.delimiter: must be a single ASCII character other than a line break, got ';;'."),
                config.messages());
        MapConfig same = config("path", "t.csv", "delimiter", "'", "quote", "'");
        new CsvSourceFactory().create(same, new TestContext(dir, 1L));
        assertEquals(List.of("source.quote: the quote character must differ from the delimiter."), same.messages());
    }

    @Test
    void quotedFieldsKeepDelimitersQuotesAndLineBreaks(BufferAllocator allocator) throws IOException {
        write("t.csv", "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\r\nline\",\"\"\r\n");
        List<List<Object>> rows = SourceConformance.readAll(source("path", "t.csv"), allocator);
        assertEquals(List.of(List.of("x, y", "say \"hi\""), List.of("multi\r\nline", "")), rows);
    }

    @Test
    void lineNumbersCountLinesInsideQuotedFields(BufferAllocator allocator) throws IOException {
        write("t.csv", "a,b\n\"1\n2\n3\",1\n4,oops,5\n");
        QuiverException e = assertThrows(
                QuiverException.class, () -> SourceConformance.readAll(source("path", "t.csv"), allocator));
        assertTrue(e.getMessage().startsWith(dir.resolve("t.csv") + ":5: expected 2 fields, found 3"), e.getMessage());
    }

    @Test
    void skipsAByteOrderMarkAndBlankLinesAndReadsALastLineWithoutNewline(BufferAllocator allocator) throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "name,n\n\nälpha,1\r\n\r\nbeta,2".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(text, 0, content, bom.length, text.length);
        Files.write(dir.resolve("t.csv"), content);
        Source source = source("path", "t.csv");
        assertEquals(List.of("name", "n"), names(source.schema()));
        assertEquals(List.of(List.of("älpha", 1L), List.of("beta", 2L)), SourceConformance.readAll(source, allocator));
    }

    @Test
    void nullTokensAreConfigurableAndApplyToUnquotedCellsOnly(BufferAllocator allocator) throws IOException {
        write("t.csv", "s,x\n-,1\n\"-\",-\nNA,2\n");
        Source source = source("path", "t.csv", "nullTokens", List.of("-"));
        assertEquals(List.of(UTF8, INT64), types(source.schema()));
        assertEquals(
                List.of(Arrays.asList(null, 1L), Arrays.asList("-", null), Arrays.asList("NA", 2L)),
                SourceConformance.readAll(source, allocator));
    }

    @Test
    void anEmptyCellIsMissingInANumberColumnEvenWhenQuoted(BufferAllocator allocator) throws IOException {
        write("t.csv", "\"a\",\"b\"\n\"1\",\"\"\n\"\",\"2.5\"\n");
        Source source = source("path", "t.csv", "nullTokens", List.of());
        assertEquals(List.of(INT64, FLOAT64), types(source.schema()));
        assertEquals(
                List.of(Arrays.asList(1L, null), Arrays.asList(null, 2.5)),
                SourceConformance.readAll(source, allocator));
    }

    @Test
    void withoutAHeaderColumnsAreNumberedAndTheFirstLineIsData(BufferAllocator allocator) throws IOException {
        write("t.tsv", "1\tx\n2\ty\n");
        Source source = source("path", "t.tsv", "header", false, "delimiter", "\t");
        assertEquals(List.of("c0", "c1"), names(source.schema()));
        assertEquals(List.of(List.of(1L, "x"), List.of(2L, "y")), SourceConformance.readAll(source, allocator));
    }

    @Test
    void aRaggedRowNamesFileLineAndCounts(BufferAllocator allocator) throws IOException {
        StringBuilder csv = new StringBuilder("a,b,c,d,e\n");
        for (int i = 0; i < 5; i++) {
            csv.append("1,2,3,4,5\n");
        }
        csv.append("1,2,3,4\n");
        write("ragged.csv", csv.toString());
        Source source = source("path", "ragged.csv", "batchSize", 2);
        QuiverException e = assertThrows(QuiverException.class, () -> SourceConformance.readAll(source, allocator));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(
                dir.resolve("ragged.csv") + ":7: expected 5 fields, found 4; every row needs one value per "
                        + "column.",
                e.getMessage());
    }

    @Test
    void aRaggedRowInTheSampleFailsSchema() throws IOException {
        write("t.csv", "a,b\n1,2,3\n");
        QuiverException e = assertThrows(
                QuiverException.class, () -> source("path", "t.csv").schema());
        assertTrue(e.getMessage().startsWith(dir.resolve("t.csv") + ":2: expected 2 fields, found 3"));
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpenedOn() throws IOException {
        write("t.csv", "a,b\n1,2\n3,\"four\n5,6\n");
        QuiverException e = assertThrows(
                QuiverException.class, () -> source("path", "t.csv").schema());
        assertEquals(dir.resolve("t.csv") + ":3: a quoted field opened on this line is never closed.", e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteIsAnError() throws IOException {
        write("t.csv", "a,b\n\"x\"y,2\n");
        QuiverException e = assertThrows(
                QuiverException.class, () -> source("path", "t.csv").schema());
        assertTrue(
                e.getMessage().startsWith(dir.resolve("t.csv") + ":2: field 1 has text after its closing quote"),
                e.getMessage());
    }

    @Test
    void duplicateColumnNamesAreADataErrorNamingBothPositions() throws IOException {
        write("t.csv", "a,b,a\n1,2,3\n");
        QuiverException e = assertThrows(
                QuiverException.class, () -> source("path", "t.csv").schema());
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(
                dir.resolve("t.csv") + ":1: column 'a' appears twice in the header, as field 1 and field 3; "
                        + "column names must be unique.",
                e.getMessage());
    }

    @Test
    void aMissingFileIsADataErrorNamingThePath(BufferAllocator allocator) {
        Source source = source("path", "nope.csv");
        QuiverException e = assertThrows(QuiverException.class, source::schema);
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(dir.resolve("nope.csv") + ": the file does not exist.", e.getMessage());
        assertEquals(
                ErrorCode.DATA,
                assertThrows(QuiverException.class, () -> source.open(allocator))
                        .code());
    }

    @Test
    void anEmptyFileIsADataError() throws IOException {
        write("t.csv", "");
        QuiverException e = assertThrows(
                QuiverException.class, () -> source("path", "t.csv").schema());
        assertEquals(
                dir.resolve("t.csv") + ": the file is empty; expected a header line naming the columns.",
                e.getMessage());
    }

    @Test
    void aHeaderOnlyFileWithEveryTypeDeclaredHasColumnsAndNoRows(BufferAllocator allocator) throws IOException {
        write("t.csv", "a,b\n");
        Source source = source("path", "t.csv", "schema", Map.of("a", "float64", "b", "utf8"));
        assertEquals(List.of(FLOAT64, UTF8), types(source.schema()));
        try (BatchReader reader = source.open(allocator)) {
            assertFalse(reader.loadNextBatch());
        }
    }

    @Test
    void aHeaderOnlyFileSaysItHasNoDataRowsRatherThanInferringText() throws IOException {
        write("t.csv", "area,price\n\n");
        Source source = source("path", "t.csv", "schema", Map.of("area", "float64"));
        QuiverException e = assertThrows(QuiverException.class, source::schema);
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(dir.resolve("t.csv") + ": the file has a header line but no data rows.", e.getMessage());
    }

    @Test
    void invalidUtf8InATextCellIsADataErrorAtItsLineAndColumn(BufferAllocator allocator) throws IOException {
        byte[] bad = "caf".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("id,name\n1,abc\n2,caf\u00e9\n3,".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(bad);
        bytes.write(0xE9); // Latin-1 'é': a lone continuation-less lead byte in UTF-8
        bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("t.csv"), bytes.toByteArray());
        Source source = source("path", "t.csv");
        assertEquals(List.of(INT64, UTF8), types(source.schema()));
        QuiverException e = assertThrows(QuiverException.class, () -> SourceConformance.readAll(source, allocator));
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(
                dir.resolve("t.csv") + ":4 column 'name': not valid UTF-8: byte 0xE9 at position 4 of the cell; "
                        + "save the file as UTF-8.",
                e.getMessage());
    }

    @Test
    void invalidUtf8InTheHeaderIsADataError() throws IOException {
        Files.write(dir.resolve("t.csv"), new byte[] {'a', ',', (byte) 0xC0, (byte) 0xAF, '\n', '1', ',', '2', '\n'});
        QuiverException e = assertThrows(
                QuiverException.class, () -> source("path", "t.csv").schema());
        assertEquals(
                dir.resolve("t.csv") + ":1 column 'c1': not valid UTF-8: byte 0xC0 at position 1 of the cell; "
                        + "save the file as UTF-8.",
                e.getMessage());
    }

    @Test
    void batchBoundariesSplitRowsExactly(BufferAllocator allocator) throws IOException {
        write("t.csv", "n,s\n1,a\n2,b\n3,c\n4,d\n5,e\n");
        List<Integer> sizes = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        try (BatchReader reader = source("path", "t.csv", "batchSize", 2).open(allocator)) {
            while (reader.loadNextBatch()) {
                sizes.add(reader.root().getRowCount());
                for (List<Object> row : SourceConformance.cells(reader.root())) {
                    values.addAll(row);
                }
            }
        }
        assertEquals(List.of(2, 2, 1), sizes);
        assertEquals(List.of(1L, "a", 2L, "b", 3L, "c", 4L, "d", 5L, "e"), values);
    }

    @ParameterizedTest
    @CsvSource({
        "iris.csv, 150, 5, float64, utf8",
        "wine.csv, 178, 14, float64, utf8",
        "digits.csv, 1797, 65, int64, int64",
        "diabetes.csv, 442, 11, float64, int64",
        "house_prices.csv, 5, 2, int64, int64",
    })
    void readsTheBundledDatasets(
            String dataset, int rows, int columns, String firstType, String targetType, BufferAllocator allocator) {
        MapConfig config =
                new MapConfig("source", Map.of("path", Datasets.path(dataset).toString()));
        Source source = new CsvSourceFactory().create(config, new TestContext());
        List<ArrowType> types = types(source.schema());
        assertEquals(columns, types.size());
        assertEquals(arrowType(firstType), types.get(0));
        assertEquals(arrowType(targetType), types.get(columns - 1));
        assertEquals(rows, SourceConformance.readAll(source, allocator).size());
    }

    @Test
    void readsIrisValuesExactly(BufferAllocator allocator) {
        MapConfig config = new MapConfig(
                "source", Map.of("path", Datasets.path(Datasets.IRIS).toString()));
        List<List<Object>> rows =
                SourceConformance.readAll(new CsvSourceFactory().create(config, new TestContext()), allocator);
        assertEquals(List.of(5.1, 3.5, 1.4, 0.2, "setosa"), rows.get(0));
    }

    @Test
    void anEmptyHeaderCellIsNamedByItsPosition() throws IOException {
        write("t.csv", ",a,\n0,1,2\n");
        assertEquals(List.of("c0", "a", "c2"), names(source("path", "t.csv").schema()));
    }

    private static ArrowType arrowType(String label) {
        return switch (label) {
            case "int64" -> INT64;
            case "float64" -> FLOAT64;
            case "bool" -> BOOL;
            default -> UTF8;
        };
    }
}
