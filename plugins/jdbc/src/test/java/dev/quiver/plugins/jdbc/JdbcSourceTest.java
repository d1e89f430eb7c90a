package dev.quiver.plugins.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.PostgresServer;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SourceConformance;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The jdbc source against a real PostgreSQL server that the test starts and always stops. */
@ExtendWith(LeakCheckExtension.class)
class JdbcSourceTest {

    static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
        server.execute(
                "CREATE TABLE small (id bigint PRIMARY KEY, v double precision, s text)",
                "INSERT INTO small VALUES (1, 0.5, 'a'), (2, NULL, 'b'), (3, 3.5, NULL), (4, -1.0, 'd'), (5, 0, 'e')",
                "CREATE TABLE typed (i int, b bigint, r real, d double precision, n numeric(10, 2), flag boolean, "
                        + "label text, day date, doc json)",
                "INSERT INTO typed VALUES (7, 8000000000, 1.5, 2.25, 12.34, true, 'x', DATE '2024-02-29', '{}'), "
                        + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                "CREATE TABLE million AS SELECT g::bigint AS id, (g % 1000) / 10.0 AS x, g % 7 AS k FROM "
                        + "generate_series(1, 1000000) g");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noConnectionIsLeftOpen() throws InterruptedException {
        // A backend leaves pg_stat_activity a moment after its client hung up: wait a little before judging.
        int open = server.openConnections();
        for (int i = 0; i < 50 && open > 0; i++) {
            Thread.sleep(100);
            open = server.openConnections();
        }
        assertEquals(0, open, "every connection the source opened must be closed");
    }

    static Source source(String query, int fetchSize, String password) {
        Map<String, Object> options = new HashMap<>(
                Map.of("url", server.url(), "query", query, "user", PostgresServer.USER, "fetchSize", fetchSize));
        options.put("password", password);
        MapConfig config = new MapConfig("source", options);
        Source source = new JdbcSourceFactory().create(config, new TestContext());
        config.assertNoProblems();
        return source;
    }

    static Source source(String query, int fetchSize) {
        return source(query, fetchSize, PostgresServer.PASSWORD);
    }

    @Nested
    class Conformance extends SourceConformance {
        @Override
        protected Source source() {
            return JdbcSourceTest.source("SELECT id, v, s FROM small ORDER BY id", 2);
        }

        @Override
        protected Optional<List<List<Object>>> expectedRows() {
            return Optional.of(List.of(
                    Arrays.asList(1L, 0.5, "a"),
                    Arrays.asList(2L, null, "b"),
                    Arrays.asList(3L, 3.5, null),
                    Arrays.asList(4L, -1.0, "d"),
                    Arrays.asList(5L, 0.0, "e")));
        }
    }

    @Test
    void sqlTypesMapToArrowTypesWithNulls(BufferAllocator allocator) {
        Source source = source("SELECT i, b, r, d, n, flag, label FROM typed ORDER BY i NULLS LAST", 10);
        assertEquals(
                List.of(
                        new ArrowType.Int(32, true),
                        new ArrowType.Int(64, true),
                        new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                        new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                        new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                        ArrowType.Bool.INSTANCE,
                        ArrowType.Utf8.INSTANCE),
                source.schema().getFields().stream().map(Field::getType).toList());
        assertEquals(
                List.of(
                        Arrays.asList(7, 8_000_000_000L, 1.5f, 2.25, 12.34, true, "x"),
                        Arrays.asList(null, null, null, null, null, null, null)),
                SourceConformance.readAll(source, allocator));
    }

    @Test
    void aColumnOfAnUnreadableTypeIsRefusedByNameOnlyWhenTheBatchesWouldHoldIt(BufferAllocator allocator) {
        Source source = source("SELECT i, doc FROM typed ORDER BY i", 10);
        QuiverException e = assertThrows(QuiverException.class, () -> source.open(allocator));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("column 'doc'") && e.getMessage().contains("json"), e.getMessage());
        assertEquals(
                List.of(Arrays.asList(7), Arrays.asList((Object) null)),
                SourceConformance.readAll(source.select(List.of("i")), allocator));
    }

    @Test
    void aWrongPasswordIsAConfigErrorThatNeverShowsThePassword() {
        String wrong = "not-the-password-42";
        Source source = source("SELECT id FROM small", 10, wrong);
        QuiverException e = assertThrows(QuiverException.class, source::schema);
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(wrong), "a cause shows the password: " + t);
        }
    }

    @Test
    void anUnknownTableIsAConfigErrorNamingIt() {
        QuiverException e = assertThrows(QuiverException.class, () -> source("SELECT * FROM no_such_table", 10)
                .schema());
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("no_such_table") && e.getMessage().contains(server.url()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "a problem is one line: " + e.getMessage());
    }

    @Test
    void aFailureWhileReadingIsADataErrorAndClosesTheConnection(BufferAllocator allocator) {
        // Division by zero at row 3, after the first batch (fetchSize 2) was delivered.
        Source source = source("SELECT id, 1 / (3 - id) AS q FROM small ORDER BY id", 2);
        try (BatchReader reader = source.open(allocator)) {
            assertTrue(reader.loadNextBatch());
            QuiverException e = assertThrows(QuiverException.class, reader::loadNextBatch);
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(
                    e.getMessage().contains("division by zero")
                            && e.getMessage().contains("after row 2"),
                    e.getMessage());
        }
    }

    @Test
    void aMillionRowsStreamInBatchesOfTheFetchSize(BufferAllocator allocator) {
        Source source = source("SELECT id, x, k FROM million ORDER BY id", 10_000);
        long rows = 0;
        long batches = 0;
        long lastId = 0;
        try (BufferAllocator child = allocator.newChildAllocator("jdbc", 0, Long.MAX_VALUE);
                BatchReader reader = source.open(child)) {
            while (reader.loadNextBatch()) {
                batches++;
                rows += reader.root().getRowCount();
                assertTrue(reader.root().getRowCount() <= 10_000);
                lastId = (Long)
                        reader.root().getVector("id").getObject(reader.root().getRowCount() - 1);
            }
            // A batch of 10,000 rows of (bigint, double, int) is ~200 kB; the whole table would be 20 MB.
            assertTrue(
                    child.getPeakMemoryAllocation() < 2 << 20,
                    "peak Arrow memory " + child.getPeakMemoryAllocation() + " bytes: batches are piling up");
        }
        assertEquals(1_000_000, rows);
        assertEquals(100, batches);
        assertEquals(1_000_000, lastId);
    }

    @Test
    void passwordsInTheUrlAreRedactedFromDescriptionsAndMessages() {
        MapConfig config = new MapConfig(
                "source",
                Map.of(
                        "url",
                        "jdbc:postgresql://127.0.0.1:1/db?user=u&password=" + "hunter2&ssl=false",
                        "query",
                        "SELECT 1"));
        Source source = new JdbcSourceFactory().create(config, new TestContext());
        assertEquals("jdbc:postgresql://127.0.0.1:1/db", source.describe());
        QuiverException e = assertThrows(QuiverException.class, source::schema);
        assertEquals(ErrorCode.DATA, e.code(), "an unreachable server is not the pipeline's mistake");
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aUrlNoInstalledDriverAcceptsIsAConfigErrorSayingWhereDriversGo() {
        MapConfig config = new MapConfig("source", Map.of("url", "jdbc:nosuchdb://x/y", "query", "SELECT 1"));
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> new JdbcSourceFactory().create(config, new TestContext()).schema());
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("jdbc:nosuchdb:") && e.getMessage().contains("classpath"), e.getMessage());
    }

    @Test
    void thePasswordOptionIsSecret() {
        assertTrue(JdbcSourceFactory.PASSWORD.isSecret());
        assertFalse(JdbcSourceFactory.USER.isSecret());
    }
}
