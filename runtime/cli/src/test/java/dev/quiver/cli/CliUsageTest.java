package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.Quiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage mistakes and help on the command line: exit codes and messages, never an internal error. */
class CliUsageTest {

    private static final String HOUSES = """
            version: 1
            name: houses
            source: {type: memory, columns: {area: [80.0, 100.0, 120.0], price: [130.0, 150.0, 170.0]}}
            columns: {features: [area], target: price}
            transforms: [{type: scale, factor: 2}]
            model: {type: mean}
            evaluate: [mse]
            """;

    @TempDir
    Path temp;

    record Result(int code, String out, String err) {}

    static Result quiver(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"predict", "evaluate", "explain", "export", "generate"})
    void everyCommandReadingOneRunTakesTheSameModelOption(String command) {
        Result help = quiver(command, "--help");
        assertEquals(0, help.code(), help.err());
        String words = help.out().replaceAll("\\s+", " "); // picocli wraps long descriptions
        assertTrue(
                words.contains("--model=RUN A run history (its LATEST run), a run folder or HISTORY/RUN_ID."),
                help.out());
        Result missing = quiver(command);
        assertEquals(2, missing.code(), missing.out() + missing.err());
        assertTrue(missing.err().contains("--model=RUN"), missing.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "predict", "inspect", "validate", "plugins", "evaluate", "compare"})
    void everyCommandPrintsItsUsageForHelpWithoutItsRequiredArguments(String command) {
        for (String flag : List.of("--help", "-h")) {
            Result r = quiver(command, flag);
            assertEquals(0, r.code(), command + " " + flag + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: quiver " + command), r.out());
            assertTrue(r.out().contains("--help"), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void aCommandLineNamingACommandBuildsThatCommandAlone() {
        assertEquals(
                List.of(ValidateCommand.class),
                Main.commandsFor(new String[] {"--debug", "--plugin-dir", "run", "validate", "run.yaml"}));
        assertEquals(List.of(RunCommand.class), Main.commandsFor(new String[] {"--plugin-dir=plugins", "run"}));
        for (String[] args : List.of(
                new String[0],
                new String[] {"--version"},
                new String[] {"help", "run"},
                new String[] {"valdate", "run.yaml"},
                new String[] {"--debug"})) {
            assertEquals(Main.COMMANDS, Main.commandsFor(args), String.join(" ", args));
        }
    }

    @Test
    void helpListsEveryCommandAndAMisspeltOneIsAUsageError() throws IOException {
        Result help = quiver("--help");
        assertEquals(0, help.code(), help.err());
        for (String command : List.of(
                "run",
                "predict",
                "serve",
                "inspect",
                "validate",
                "plugins",
                "evaluate",
                "compare",
                "runs",
                "export",
                "explain",
                "generate",
                "help")) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " missing from\n" + help.out());
        }
        Result helpRun = quiver("help", "run");
        assertEquals(0, helpRun.code(), helpRun.err());
        assertTrue(helpRun.out().startsWith("Usage: quiver run"), helpRun.out());

        Result misspelt = quiver("valdate", "run.yaml");
        assertEquals(2, misspelt.code(), misspelt.err());
        assertTrue(misspelt.err().contains("Did you mean: quiver validate"), misspelt.err());

        Path pipeline = Files.writeString(temp.resolve("houses.yaml"), HOUSES);
        Path noPlugins = Files.createDirectories(temp.resolve("plugins"));
        Result valid = quiver("--debug", "--plugin-dir", noPlugins.toString(), "validate", pipeline.toString());
        assertEquals(0, valid.code(), valid.err());
        assertTrue(valid.out().contains("ok"), valid.out());
    }

    @Test
    void pluginsListsLossesUnderAProperPlural() {
        Result r = quiver("plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\nlosses:\n"), r.out());
        assertFalse(r.out().contains("losss"), r.out());
    }

    @Test
    void aListIndexTooLargeForAnIntIsALocatedUsageError() throws IOException {
        Path pipeline = Files.writeString(temp.resolve("houses.yaml"), HOUSES);
        for (String command : List.of("run", "validate")) {
            Result r = quiver(command, pipeline.toString(), "--set", "transforms[2147483648].type=x");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--set transforms[2147483648].type=x"), r.err());
            assertTrue(r.err().contains("list index [2147483648]") && r.err().contains("too large"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void aRecursiveAliasIsALocatedConfigErrorEverywhereThePipelineIsRead() throws IOException {
        Path pipeline = Files.writeString(temp.resolve("loop.yaml"), HOUSES + "a: &a [*a]\n");
        for (String command : List.of("run", "validate")) {
            Result r = quiver(command, pipeline.toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(pipeline + ":8:8"), r.err());
            assertTrue(r.err().contains("recursive alias"), r.err());
            assertFalse(r.err().contains("StackOverflowError"), r.err());
        }
        QuiverException e =
                assertThrows(QuiverException.class, () -> Quiver.create().load(pipeline, List.of()));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("recursive alias"), e.getMessage());
    }

    @Test
    void predictOnSparkWithoutTheSparkModuleSaysWhatToAddAndWritesNothing() throws IOException {
        Path input = Files.writeString(temp.resolve("rows.csv"), "area\n80.0\n");
        Path output = temp.resolve("out.csv");
        Result spark = predict(input, output, "--engine", "spark");
        assertEquals(2, spark.code(), spark.out() + spark.err());
        assertTrue(spark.err().contains("predict --engine spark needs the quiver-runtime-spark jar"), spark.err());
        assertTrue(spark.err().contains("-Pspark"), spark.err());
        assertFalse(spark.err().contains("Exception"), spark.err());
        assertFalse(Files.exists(output), "nothing written");
        Result typo = predict(input, output, "--engine", "sprak");
        assertEquals(2, typo.code(), typo.err());
        assertTrue(typo.err().contains("'sprak' is not an engine; use local or spark"), typo.err());
        Result localMaster = predict(input, output, "--master", "local[2]");
        assertEquals(2, localMaster.code(), localMaster.err());
        assertTrue(localMaster.err().contains("are options of --engine spark"), localMaster.err());
    }

    /** {@code quiver predict} of the (absent) run in {@code temp} on {@code input}, with {@code options} added. */
    private Result predict(Path input, Path output, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "predict",
                "--model",
                temp.resolve("run").toString(),
                "--input",
                input.toString(),
                "--output",
                output.toString()));
        args.addAll(List.of(options));
        return quiver(args.toArray(String[]::new));
    }
}
