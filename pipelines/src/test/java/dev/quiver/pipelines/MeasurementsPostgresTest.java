package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL examples ({@code pipelines/*-postgres.yaml}) against a server this test starts, fills and always
 * stops: a million rows train streamed in a child JVM with a small heap; wrong credentials, a missing table and a
 * column that cannot be a feature are located errors; the password shows up nowhere; the exported ONNX model
 * matches ONNX Runtime on every row.
 */
class MeasurementsPostgresTest {

    private static final Path PIPELINES =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path EXAMPLE = PIPELINES.resolve("measurements-postgres.yaml");
    /** Enough for Quiver and one fetch of 10,000 rows; not for the PostgreSQL driver holding a million rows. */
    private static final String HEAP = "-Xmx96m";

    static PostgresServer server;

    @TempDir
    static Path temp;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
        server.execute("CREATE TABLE measurements AS SELECT g::bigint AS id, (g % 1000) / 100.0 AS x1, "
                + "(g % 37) / 10.0 AS x2, 3 * ((g % 1000) / 100.0) - 2 * ((g % 37) / 10.0) + 5 + ((g % 11) - 5) "
                + "/ 100.0 AS y FROM generate_series(1, 1000000) g");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noConnectionIsLeftOpen() throws InterruptedException {
        int open = server.openConnections();
        for (int i = 0; i < 50 && open > 0; i++) {
            Thread.sleep(100);
            open = server.openConnections();
        }
        assertEquals(0, open, "every connection a run opened must be closed");
    }

    @Test
    void thisTestRunsEveryPostgresExample() throws IOException {
        try (Stream<Path> files = Files.list(PIPELINES)) {
            assertEquals(
                    List.of("measurements-postgres.yaml"),
                    files.map(f -> f.getFileName().toString())
                            .filter(n -> n.endsWith("-postgres.yaml"))
                            .sorted()
                            .toList(),
                    "each *-postgres.yaml example needs a test here (PipelinesTest skips them)");
        }
    }

    record Child(int code, String output) {}

    /** Runs the CLI in a JVM of its own with a small heap and the connection in the environment. */
    private static Child runInSmallHeap(String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.quiver.cli.Main"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .putAll(Map.of(
                        "PGHOST",
                        "127.0.0.1",
                        "PGPORT",
                        Integer.toString(server.port()),
                        "PGUSER",
                        PostgresServer.USER,
                        "PGPASSWORD",
                        PostgresServer.PASSWORD,
                        "PGDATABASE",
                        PostgresServer.DATABASE));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in 5 minutes");
        }
        return new Child(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void aMillionRowsTrainStreamedInASmallHeapAndThePasswordIsNotRecorded() throws Exception {
        Path run = temp.resolve("measurements");
        Child child = runInSmallHeap("run", EXAMPLE.toString(), "--out", run.toString());
        assertEquals(0, child.code(), child.output());
        JsonNode metrics =
                new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        assertTrue(metrics.path("train").path("r2").asDouble() > 0.999, metrics::toString);
        assertTrue(metrics.path("train").path("mse").asDouble() < 0.002, metrics::toString);
        PipelinesTest.Result inspected = PipelinesTest.quiver("inspect", run.toString(), "--json");
        assertEquals(0, inspected.code(), inspected.err());
        JsonNode parameters =
                new ObjectMapper().readTree(inspected.out()).path("model").path("parameters");
        // y = 3 x1 - 2 x2 + 5, plus a noise that is uncorrelated with both within each period of the table.
        assertEquals(3.0, parameters.path("weight").path(0).path(0).asDouble(), 0.01, parameters::toString);
        assertEquals(-2.0, parameters.path("weight").path(0).path(1).asDouble(), 0.01, parameters::toString);
        assertEquals(5.0, parameters.path("bias").path(0).asDouble(), 0.02, parameters::toString);

        String recorded = Files.readString(run.resolve("pipeline.yaml"));
        assertTrue(recorded.contains("***"), recorded);
        assertFalse(recorded.contains(PostgresServer.PASSWORD), "pipeline.yaml holds the password:\n" + recorded);
        assertFalse(
                Files.readString(run.resolve("report.html")).contains(PostgresServer.PASSWORD),
                "the report holds the password");
        assertFalse(child.output().contains(PostgresServer.PASSWORD), child.output());
    }

    @Test
    void theSameRunFetchingTheWholeTableAtOnceDoesNotFitThatHeap() throws Exception {
        // The control for the test above: without the cursor the driver holds every row, and the heap is too small.
        Child child = runInSmallHeap(
                "run",
                EXAMPLE.toString(),
                "--out",
                temp.resolve("whole").toString(),
                "--set",
                "source.fetchSize=2000000");
        assertNotEquals(0, child.code(), child.output());
        assertTrue(child.output().contains("OutOfMemoryError") || child.output().contains("heap"), child.output());
    }

    /** The example with the connection written out and some of its text replaced, in a folder of this test's. */
    private static Path variant(String name, String... replacements) throws IOException {
        String text = Files.readString(EXAMPLE)
                .replace(
                        "${PGHOST:-127.0.0.1}:${PGPORT:-5432}/${PGDATABASE:-postgres}",
                        "127.0.0.1:" + server.port() + "/" + PostgresServer.DATABASE)
                .replace("${PGUSER:-postgres}", PostgresServer.USER)
                .replace("${PGPASSWORD}", PostgresServer.PASSWORD);
        for (int i = 0; i < replacements.length; i += 2) {
            assertTrue(text.contains(replacements[i]), replacements[i]);
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path file = temp.resolve(name + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aWrongPasswordIsALocatedConfigErrorThatDoesNotShowIt() throws IOException {
        Path file = variant("wrong-password", "password: " + PostgresServer.PASSWORD, "password: wrong-pw-1234");
        PipelinesTest.Result r = PipelinesTest.quiver(
                "run", file.toString(), "--out", temp.resolve("x").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(
                r.err().contains(file.getFileName() + ":") && r.err().contains("password authentication failed"),
                r.err());
        assertFalse(r.err().contains("wrong-pw-1234") || r.out().contains("wrong-pw-1234"), r.err());
    }

    @Test
    void anUnknownTableIsALocatedConfigError() throws IOException {
        Path file = variant("no-table", "FROM measurements", "FROM no_such_table");
        PipelinesTest.Result r = PipelinesTest.quiver("validate", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(file.getFileName() + ":") && r.err().contains("no_such_table"), r.err());
        assertFalse(r.err().contains(PostgresServer.PASSWORD), r.err());
    }

    @Test
    void aColumnThatCannotBeAFeatureIsALocatedConfigErrorNamingIt() throws IOException {
        Path file =
                variant("date-feature", "SELECT x1, x2, y", "SELECT x1, DATE '2024-01-01' + (id % 30)::int AS x2, y");
        PipelinesTest.Result r = PipelinesTest.quiver("validate", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(file.getFileName() + ":") && r.err().contains("'x2'"), r.err());
    }

    @Test
    @ExtendWith(LeakCheckExtension.class)
    void theExampleExportsToOnnxAndMatchesOnnxRuntimeOnEveryRow(BufferAllocator allocator) throws Exception {
        // OnnxExportTest covers the other examples; this one needs this class's server. With split: none the
        // evaluated rows, compared here, are the whole table.
        Path file = variant("measurements-onnx");
        Path run = temp.resolve("measurements-onnx");
        PipelinesTest.Result trained = PipelinesTest.quiver(
                "run", file.toString(), "--out", run.toString(), "--set", "output.predictions=full");
        assertEquals(0, trained.code(), trained.err());
        Path onnx = temp.resolve("measurements.onnx");
        PipelinesTest.Result exported =
                PipelinesTest.quiver("export", "--model", run.toString(), "--output", onnx.toString());
        assertEquals(0, exported.code(), exported.err());
        OnnxExportTest.assertMatches(run, onnx, allocator);
    }
}
