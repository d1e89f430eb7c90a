package dev.quiver.pipelines;

import static dev.quiver.pipelines.PipelinesTest.quiver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.runtime.bundle.RunReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code training:} section, the output columns and the class spelling, through the CLI with the bundled
 * plugins: mistakes are found before any data is read, wherever they are.
 */
class TrainingSectionTest {

    @TempDir
    Path dir;

    private Path pipeline(String yaml) throws IOException {
        Files.writeString(dir.resolve("houses.csv"), "area,price\n80,130\n100,150\n120,170\n140,190\n");
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void aWrongTypeUnderALeastSquaresModelIsALocatedErrorThoughTheSectionIsIgnored() throws IOException {
        Path file = pipeline("""
                version: 1
                source: {type: csv, path: houses.csv}
                columns: {features: [area], target: price}
                model: {type: linear-regression}
                training: {epochs: ten}
                """);
        PipelinesTest.Result r = quiver("validate", file.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(file + ":5:") && r.err().contains("training.epochs"), r.err());

        Path ok = pipeline("""
                version: 1
                source: {type: csv, path: houses.csv}
                columns: {features: [area], target: price}
                model: {type: linear-regression}
                training: {epochs: 10}
                """);
        PipelinesTest.Result valid = quiver("validate", ok.toString());
        assertEquals(0, valid.code(), valid.err());
    }

    @Test
    void aSourceColumnNamedLikeTheModelsOutputIsAPlanTimeError() throws IOException {
        Files.writeString(dir.resolve("clash.csv"), "prediction,price\n80,130\n100,150\n120,170\n");
        Path file = dir.resolve("clash.yaml");
        Files.writeString(file, """
                version: 1
                source: {type: csv, path: clash.csv}
                columns: {features: [prediction], target: price}
                model: {type: linear-regression}
                """);
        PipelinesTest.Result r = quiver("validate", file.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(
                r.err().contains(file + ":3:")
                        && r.err().contains("'prediction'")
                        && r.err().contains("output column of model 'linear-regression'"),
                r.err());
        assertFalse(Files.exists(dir.resolve("runs")), "nothing was trained");
    }

    @Test
    void floatLabelsArePredictedWithTheClassesSpelling() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i < 20 ? "0.0" : "1.0").append('\n');
        }
        Files.writeString(dir.resolve("labels.csv"), csv);
        Path file = dir.resolve("labels.yaml");
        Files.writeString(file, """
                version: 1
                task: binary
                source: {type: csv, path: labels.csv}
                columns: {features: [x], target: y}
                transforms: [{type: standardize}]
                model: {type: logistic-regression}
                training: {epochs: 50, batchSize: full, optimizer: {type: adam, lr: 0.1}}
                evaluate: [accuracy]
                output: {dir: run}
                """);
        PipelinesTest.Result r = quiver("run", file.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode model = new ObjectMapper()
                .readTree(RunReference.resolve(dir.resolve("run"))
                        .run()
                        .resolve("model.json")
                        .toFile());
        assertEquals("[\"0\",\"1\"]", model.path("classes").toString(), model.toString());

        Files.writeString(dir.resolve("new.csv"), "x\n0\n39\n");
        Path out = dir.resolve("predicted.csv");
        PipelinesTest.Result predicted = quiver(
                "predict",
                "--model",
                dir.resolve("run").toString(),
                "--input",
                dir.resolve("new.csv").toString(),
                "--output",
                out.toString());
        assertEquals(0, predicted.code(), predicted.err());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith("x,prediction,probability_0,probability_1"), lines.toString());
        assertEquals("0", lines.get(1).split(",")[1], lines.toString());
        assertEquals("1", lines.get(2).split(",")[1], lines.toString());
    }
}
