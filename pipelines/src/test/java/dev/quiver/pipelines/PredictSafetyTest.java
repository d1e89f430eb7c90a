package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.runtime.bundle.JsonStateReader;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quiver predict} and {@code evaluate} never answer silently wrong: invalid rows are located data errors
 * (or skipped / null with {@code --on-invalid}), inputs are converted to the training schema, and a damaged run
 * folder is refused at load. One iris classifier (standardize + softmax regression) is trained for all cases.
 */
class PredictSafetyTest {

    private static final String HEADER = "sepal_length,sepal_width,petal_length,petal_width\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path temp;

    private static Path trained;

    @BeforeAll
    static void train() {
        Path pipelines = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        trained = shared.resolve("iris");
        PipelinesTest.Result r = PipelinesTest.quiver(
                "run", pipelines.resolve("iris-softmax.yaml").toString(), "--out", trained.toString());
        assertEquals(0, r.code(), r.err());
    }

    private Path csv(String name, String text) throws Exception {
        Path file = temp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private PipelinesTest.Result predict(Path model, Path input, Path output, String... more) {
        return PipelinesTest.quiver(Stream.concat(
                        Stream.of(
                                "predict",
                                "--model",
                                model.toString(),
                                "--input",
                                input.toString(),
                                "--output",
                                output.toString()),
                        Stream.of(more))
                .toArray(String[]::new));
    }

    private static void assertUserError(PipelinesTest.Result r, int code, String expected) {
        assertEquals(code, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aMissingNanOrInfiniteFeatureIsExitThreeNamingFileLineAndColumn() throws Exception {
        String[][] cases = {
            {"5.1,3.5,1.4,0.2\n5.1,,1.4,0.2\n", ":3 column 'sepal_width': is missing"},
            {"5.1,3.5,1.4,0.2\n5.1,3.5,1.4,0.2\n6.0,3.0,NaN,1.0\n", ":4 column 'petal_length': is missing"},
            {"5.1,3.5,1.4,Infinity\n", ":2 column 'petal_width': is infinite"},
        };
        for (String[] c : cases) {
            Path input = csv("in.csv", HEADER + c[0]);
            Path output = temp.resolve("out.csv");
            assertUserError(predict(trained, input, output), 3, input + c[1]);
            assertFalse(Files.exists(output), "nothing written for " + c[0]);
        }
    }

    @Test
    void textInANumericFeatureIsExitThreeNamingTheCell() throws Exception {
        Path input = csv("in.csv", HEADER + "5.1,3.5,1.4,0.2\n5.1,abc,1.4,0.2\n");
        Path output = temp.resolve("out.arrow");
        assertUserError(predict(trained, input, output), 3, input + ":3 column 'sepal_width': 'abc' is not a number");
        assertFalse(Files.exists(output));
    }

    @Test
    void skipDropsInvalidRowsAndSaysHowMany() throws Exception {
        Path input = csv("in.csv", HEADER + "5.1,3.5,1.4,0.2\n5.1,,1.4,0.2\n6.7,3.0,5.2,2.3\n5.0,x,1.0,0.1\n");
        Path output = temp.resolve("out.csv");
        PipelinesTest.Result r = predict(trained, input, output, "--on-invalid", "skip");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Skipped 2 of 4 rows"), r.err());
        List<String> lines = Files.readAllLines(output);
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("5.1,3.5,1.4,0.2,setosa,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("6.7,3.0,5.2,2.3,virginica,"), lines.get(2));
    }

    @Test
    void nullKeepsEveryRowWithEmptyPredictionsForInvalidOnes() throws Exception {
        Path input = csv("in.csv", HEADER + "5.1,3.5,1.4,0.2\n5.1,3.5,,0.2\n");
        Path output = temp.resolve("out.csv");
        PipelinesTest.Result r = predict(trained, input, output, "--on-invalid", "null");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Predicted null for 1 of 2 rows"), r.err());
        List<String> lines = Files.readAllLines(output);
        assertTrue(lines.get(1).startsWith("5.1,3.5,1.4,0.2,setosa,"), lines.get(1));
        assertEquals("5.1,3.5,,0.2,,,,", lines.get(2));
    }

    @Test
    void nullIntoAnArrowFileTakesBatchesWithoutInvalidRows() throws Exception {
        // The writer is opened with nullable prediction columns; a batch with nothing invalid must match them.
        Path input = csv("in.csv", HEADER + "5.1,3.5,1.4,0.2\n");
        Path output = temp.resolve("out.arrow");
        PipelinesTest.Result r = predict(trained, input, output, "--on-invalid", "null");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(output) > 0);
    }

    @Test
    void evaluateLocatesAnInvalidRowToo() throws Exception {
        Path input = csv("labelled.csv", HEADER.strip() + ",species\n5.1,3.5,1.4,0.2,setosa\n6.7,3.0,,2.3,virginica\n");
        assertUserError(
                PipelinesTest.quiver("evaluate", "--model", trained.toString(), "--input", input.toString()),
                3,
                input + ":3 column 'petal_length': is missing");
    }

    @Test
    void anUnknownOnInvalidIsAUsageError() throws Exception {
        Path input = csv("in.csv", HEADER + "5.1,3.5,1.4,0.2\n");
        assertUserError(
                predict(trained, input, temp.resolve("out.csv"), "--on-invalid", "drop"),
                2,
                "'drop' is not one of error, skip, null");
    }

    @Test
    void integersWhereFloatsWereTrainedPredictTheSame() throws Exception {
        Path ints = csv("ints.csv", HEADER + "6,3,5,2\n");
        Path floats = csv("floats.csv", HEADER + "6.0,3.0,5.0,2.0\n");
        assertEquals(0, predict(trained, ints, temp.resolve("a.csv")).code());
        assertEquals(0, predict(trained, floats, temp.resolve("b.csv")).code());
        String a = Files.readAllLines(temp.resolve("a.csv")).get(1);
        String b = Files.readAllLines(temp.resolve("b.csv")).get(1);
        assertEquals(b.substring(b.indexOf(",2.0,") + 5), a.substring(a.indexOf(",2,") + 3));
    }

    @Test
    void aMissingColumnIsExitThreeNamingIt() throws Exception {
        Path input = csv("in.csv", "sepal_length,sepal_width,petal_length\n5.1,3.5,1.4\n");
        assertUserError(predict(trained, input, temp.resolve("out.csv")), 3, "no column 'petal_width'");
    }

    @Test
    void anImputeTransformFillsWhatWouldOtherwiseBeInvalid() throws Exception {
        Path data = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("data/iris.csv");
        Path pipeline = csv("imputed.yaml", """
                version: 1
                name: iris-imputed
                source: {type: csv, path: %s}
                columns: {target: species}
                transforms: [{type: impute}, {type: standardize}]
                model: {type: softmax-regression}
                training: {optimizer: {type: adam, lr: 0.05}, epochs: 20, batchSize: 32}
                evaluate: [accuracy]
                """.formatted(data));
        Path run = temp.resolve("imputed");
        assertEquals(
                0,
                PipelinesTest.quiver("run", pipeline.toString(), "--out", run.toString())
                        .code());
        Path input = csv("in.csv", HEADER + "5.1,,1.4,0.2\n");
        PipelinesTest.Result r = predict(run, input, temp.resolve("out.csv"));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readAllLines(temp.resolve("out.csv")).get(1).startsWith("5.1,,1.4,0.2,setosa,"));
    }

    // ---- damaged run folders: exit 3 at load, before any row is read ----

    private Path copyOfRun() throws Exception {
        Path copy = temp.resolve("damaged");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(trained)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static void edit(Path file, Consumer<JsonNode> change) throws Exception {
        JsonNode json = JSON.readTree(file.toFile());
        change.accept(json);
        JSON.writeValue(file.toFile(), json);
    }

    private static String doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    private void assertDamaged(Path run, String file) throws Exception {
        Path input = csv("in.csv", HEADER + "5.1,3.5,1.4,0.2\n");
        Path output = temp.resolve("out.csv");
        assertUserError(predict(run, input, output), 3, file);
        assertFalse(Files.exists(output));
    }

    @Test
    void damagedTransformsJsonIsRefused() throws Exception {
        for (String text : List.of("null", "{}", "[]", "[{}]", "[{\"type\": \"standardize\", \"state\": null}]")) {
            Path run = copyOfRun();
            Files.writeString(run.resolve("transforms.json"), text);
            assertDamaged(run, "transforms.json");
            deleteRun(run);
        }
    }

    @Test
    void damagedModelJsonIsRefused() throws Exception {
        List<Consumer<JsonNode>> damages = List.of(
                json -> ((ObjectNode) json.get("state").get("bias")).put("@f64", doubles(0, Double.NaN, 0)),
                json -> ((ObjectNode) json.get("state").get("bias")).put("@f64", doubles(0, 0)),
                json -> ((ObjectNode) json.get("state")).putNull("weight"),
                json -> ((ObjectNode) json).put("classes", (String) null),
                json -> ((ArrayNode) json.get("classes")).remove(2),
                json -> ((ArrayNode) json.get("state").get("head").get("classes")).remove(2),
                json -> ((ArrayNode) json.get("state").get("features")).add("petal_area"));
        for (Consumer<JsonNode> damage : damages) {
            Path run = copyOfRun();
            edit(run.resolve("model.json"), damage);
            assertDamaged(run, "model.json");
            deleteRun(run);
        }
    }

    @Test
    void evaluateAfterTheClassesWereEditedIsADamagedRun() throws Exception {
        Path run = copyOfRun();
        edit(run.resolve("model.json"), json -> ((ArrayNode) json.get("classes")).set(0, "rose"));
        Path input = csv("labelled.csv", HEADER.strip() + ",species\n5.1,3.5,1.4,0.2,setosa\n");
        assertUserError(
                PipelinesTest.quiver("evaluate", "--model", run.toString(), "--input", input.toString()),
                3,
                "model.json");
    }

    /**
     * The plugins' own shape checks, through the strict reader but not the bundle's file checks, so they hold
     * whatever integrity check of the folder runs first.
     */
    @Test
    void pluginStatesCheckTheirShapes() throws Exception {
        PluginRegistry registry = ServicePluginRegistry.discover();
        PluginContext context = new PluginContext() {};
        JsonNode standardize =
                JSON.readTree(trained.resolve("transforms.json").toFile()).get(0);
        ((ObjectNode) standardize.get("state").get("mean")).put("@f64", doubles(1, 2, 3));
        TransformFactory transform = registry.transforms().get("standardize");
        assertThrowsDamaged(
                "transforms.json: [0].state.mean: holds 3 values, expected 4",
                () -> transform.load(
                        JsonStateReader.forRun(standardize.get("state"), "transforms.json", "[0].state"), context));

        JsonNode model = JSON.readTree(trained.resolve("model.json").toFile());
        ((ObjectNode) model.get("state").get("weight")).put("@f64", doubles(1, 2, 3));
        ModelFactory factory = registry.models().get("softmax-regression");
        assertThrowsDamaged(
                "model.json: state.weight: holds 3 values, expected 12",
                () -> factory.load(JsonStateReader.forRun(model.get("state"), "model.json", "state"), context));

        JsonNode narrow = JSON.readTree(trained.resolve("model.json").toFile());
        ((ObjectNode) narrow.get("state").get("head")).put("width", 2);
        assertThrowsDamaged(
                "model.json: state.head.width: is 2 for a multiclass head with 3 classes",
                () -> factory.load(JsonStateReader.forRun(narrow.get("state"), "model.json", "state"), context));
    }

    private static void assertThrowsDamaged(String expected, Executable load) {
        QuiverException e = org.junit.jupiter.api.Assertions.assertThrows(QuiverException.class, load);
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().startsWith("damaged run: " + expected), e.getMessage());
    }

    private static void deleteRun(Path run) throws Exception {
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(run);
    }
}
