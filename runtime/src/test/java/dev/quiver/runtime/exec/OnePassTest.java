package dev.quiver.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.plan.PipelineLoader;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import dev.quiver.runtime.telemetry.RunTelemetry;
import dev.quiver.runtime.testplugins.MemorySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-memory run ({@code split: none}, a trainer that shuffles over every row) reads its source once: the
 * transforms' statistics, training, scoring and the report's data summary all come from the one table loaded.
 * A streamed run ({@code shuffle: false}) reads it once per pass, as documented, and keeps memory near a batch.
 */
class OnePassTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PipelineLoader LOADER = new PipelineLoader(ServicePluginRegistry.discover());

    private static final String PIPELINE = """
            seed: 3
            source: {type: memory, counter: %s, columns: {area: [11, 23, 30, 47, 52, 68], \
            price: [25, 41, 70, 77, 104, 126]}}
            columns: {features: [area], target: price}
            split: none
            transforms: [{type: scale}]
            model: {type: mean}
            training: {epochs: 3, shuffle: %s}
            evaluate: [mse]
            """;

    @TempDir
    Path temp;

    @Test
    void anInMemoryRunReadsItsSourceOnce() throws IOException {
        JsonNode metrics = run("one-pass", true);
        assertEquals(1, MemorySource.opens("one-pass"), "one read loads the rows for every later stage");
        assertEquals(mse(), metrics.path("train").path("mse").asDouble(), 1e-9);
    }

    @Test
    void aStreamedRunReadsOncePerPassAndScoresTheSame() throws IOException {
        JsonNode metrics = run("streamed", false);
        // The transform's fit, three epochs, the evaluation and the report's data summary each read the source.
        assertEquals(6, MemorySource.opens("streamed"));
        assertEquals(mse(), metrics.path("train").path("mse").asDouble(), 1e-9);
    }

    /** The mean model predicts the mean price: the population variance of the prices. */
    private static double mse() {
        double[] prices = {25, 41, 70, 77, 104, 126};
        double mean = 0;
        for (double p : prices) {
            mean += p / prices.length;
        }
        double sum = 0;
        for (double p : prices) {
            sum += (p - mean) * (p - mean);
        }
        return sum / prices.length;
    }

    private JsonNode run(String counter, boolean shuffle) throws IOException {
        Path file = temp.resolve(counter + ".yaml");
        Files.writeString(file, PIPELINE.formatted(counter, shuffle));
        Path out = temp.resolve(counter);
        new Executor(RunTelemetry.noop())
                .run(
                        LOADER.load(file, List.of(), Map.of()),
                        RunOptions.defaults().withOutputDir(out));
        return JSON.readTree(out.resolve(RunBundle.METRICS).toFile());
    }
}
