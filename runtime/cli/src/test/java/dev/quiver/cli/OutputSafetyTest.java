package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quiver.runtime.bundle.AtomicDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code run} and {@code predict} refuse to overwrite, through the CLI: exit codes, messages, nothing lost. */
class OutputSafetyTest {

    private static final String HOUSES = """
            version: 1
            name: houses
            source: {type: memory, columns: {area: [80.0, 100.0, 120.0], price: [130.0, 150.0, 170.0]}}
            columns: {features: [area], target: price}
            model: {type: mean}
            evaluate: [mse]
            """;

    @TempDir
    Path temp;

    record Result(int code, String out, String err) {}

    private static Result quiver(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path pipeline() throws IOException {
        return Files.writeString(temp.resolve("houses.yaml"), HOUSES);
    }

    @Test
    void runRefusesAFolderThatMerelyHoldsAModelJson() throws IOException {
        Path app = Files.createDirectories(temp.resolve("webapp"));
        Files.writeString(app.resolve("model.json"), "{\"app\": true}");
        Files.writeString(app.resolve("index.html"), "<html>");
        Result r = quiver("run", pipeline().toString(), "--out", app.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("exists and is not a Quiver run (it has no quiver-run.json"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals(Set.of("index.html", "model.json"), names(app));
        assertEquals("{\"app\": true}", Files.readString(app.resolve("model.json")));
        assertEquals(Set.of("houses.yaml", "webapp"), names(temp), "nothing left beside it");
    }

    @Test
    void runRefusesAFifoAndLeavesIt() throws Exception {
        Path fifo = temp.resolve("pipe");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
        Result r = quiver("run", pipeline().toString(), "--out", fifo.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is not a folder (a FIFO, socket or device)"), r.err());
        assertTrue(Files.exists(fifo) && !Files.isDirectory(fifo) && !Files.isRegularFile(fifo), "still a FIFO");
        assertEquals(Set.of("houses.yaml", "pipe"), names(temp));
    }

    @Test
    void theLoserOfTwoRunsToOneOutputGetsExitThreeAndStrandsNothing() throws IOException {
        Path out = temp.resolve("run");
        Path pipeline = pipeline();
        try (AtomicDirectory winner = AtomicDirectory.begin(out)) {
            assertTrue(Files.isDirectory(winner.path()), "the winner is building its run");
            Set<String> before = names(temp);
            Result r = quiver("run", pipeline.toString(), "--out", out.toString());
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().contains("Another Quiver run is writing " + out), r.err());
            assertEquals(before, names(temp));
        }
        assertEquals(
                0, quiver("run", pipeline.toString(), "--out", out.toString()).code());
    }

    @Test
    void everyFileOfARunGetsThePermissionsOfAFileTheUserCreates() throws IOException {
        Path probe = Files.createFile(temp.resolve("probe"));
        assumeTrue(Files.getFileStore(probe).supportsFileAttributeView("posix"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe);
        Path out = temp.resolve("run");
        assertEquals(
                0, quiver("run", pipeline().toString(), "--out", out.toString()).code());
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.toList()) {
                assertEquals(
                        expected,
                        Files.getPosixFilePermissions(file),
                        file.getFileName().toString());
            }
        }
    }

    @Test
    void predictRefusesToWriteOverItsInputByAnyPath() throws IOException {
        Path out = temp.resolve("run");
        assertEquals(
                0, quiver("run", pipeline().toString(), "--out", out.toString()).code());
        Path input =
                Files.writeString(Files.createDirectories(temp.resolve("data")).resolve("in.csv"), "area\n110\n");
        Path symlink = Files.createSymbolicLink(temp.resolve("link.csv"), input);
        Path hardLink = Files.createLink(temp.resolve("hard.csv"), input);
        for (Path output : new Path[] {input, temp.resolve("data/../data/in.csv"), symlink, hardLink}) {
            Result r = quiver(
                    "predict", "--model", out.toString(), "--input", input.toString(), "--output", output.toString());
            assertEquals(2, r.code(), output + ": " + r.err());
            assertTrue(r.err().contains("is the same file as --input"), r.err());
            assertEquals("area\n110\n", Files.readString(input), "the input is unchanged");
        }
    }

    @Test
    void predictRefusesToWriteIntoTheRunFolder() throws IOException {
        Path out = temp.resolve("run");
        assertEquals(
                0, quiver("run", pipeline().toString(), "--out", out.toString()).code());
        Path input = Files.writeString(temp.resolve("in.csv"), "area\n110\n");
        Result r = quiver(
                "predict",
                "--model",
                out.toString(),
                "--input",
                input.toString(),
                "--output",
                out.resolve("predictions.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("is inside the run folder"), r.err());
        // beside the run is fine (here it then fails only because the runtime's tests have no csv plugin)
        Result beside = quiver(
                "predict",
                "--model",
                out.toString(),
                "--input",
                input.toString(),
                "--output",
                temp.resolve("out.csv").toString());
        assertTrue(beside.err().contains("needs the 'csv' source plugin"), beside.err());
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
