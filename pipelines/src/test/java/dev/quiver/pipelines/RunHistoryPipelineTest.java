package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's house-prices commands on a run history: two runs keep two folders, {@code quiver runs} lists both, every
 * model reference form predicts, and run.json records the data file's size and SHA-256.
 */
class RunHistoryPipelineTest {

    private static final Path PIPELINES =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void twoRunsEveryReferenceFormAndTheDataFilesHash() throws IOException, NoSuchAlgorithmException {
        Path yaml = PIPELINES.resolve("house-prices.yaml");
        Path history = temp.resolve("house-prices");
        String dir = "output.dir=" + history;
        assertEquals(
                0, PipelinesTest.quiver("run", yaml.toString(), "--set", dir).code());
        PipelinesTest.Result second = PipelinesTest.quiver("run", yaml.toString(), "--set", dir);
        assertEquals(0, second.code(), second.err());

        List<String> ids;
        try (var entries = Files.list(history)) {
            ids = entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("LATEST"))
                    .sorted()
                    .toList();
        }
        assertEquals(2, ids.size(), ids.toString());
        PipelinesTest.Result listed = PipelinesTest.quiver("runs", history.toString());
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("  " + ids.get(0)) && listed.out().contains("* " + ids.get(1)), listed.out());

        Path input = temp.resolve("areas.csv");
        Files.writeString(input, "area\n110\n");
        String first = ids.get(0);
        int n = 0;
        for (Path model : List.of(
                history,
                history.resolve(first),
                history.resolve(first.substring(0, 17)),
                history.resolve(first.substring(first.length() - 6)),
                history.resolve("latest"))) {
            Path output = temp.resolve("prices" + n++ + ".csv");
            PipelinesTest.Result r = PipelinesTest.quiver(
                    "predict", "--model", model.toString(), "--input", input.toString(), "--output", output.toString());
            assertEquals(0, r.code(), model + ": " + r.err());
            assertEquals(List.of("area,prediction", "110,160.0"), Files.readAllLines(output), model.toString());
        }

        Path data = PIPELINES.resolve("data/house_prices.csv");
        JsonNode facts = new ObjectMapper()
                .readTree(history.resolve(ids.get(1)).resolve("run.json").toFile());
        JsonNode file = facts.path("data").path(0);
        assertEquals(data.toString(), file.path("path").asText(), facts.toString());
        assertEquals(Files.size(data), file.path("size").asLong());
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(data))),
                file.path("sha256").asText());
        assertEquals(1, facts.path("data").size(), "only the source's file: " + facts);
    }
}
