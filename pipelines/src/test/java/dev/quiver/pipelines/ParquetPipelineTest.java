package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.data.Source;
import dev.quiver.plugins.parquet.ParquetSourceFactory;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SourceConformance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet example end to end: trained from DuckDB's file reading only the columns it uses, then {@code
 * predict} from Parquet into Parquet, the sink chosen by the output's extension.
 */
@ExtendWith(LeakCheckExtension.class)
class ParquetPipelineTest {

    private static final Path PIPELINES =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private static Source parquet(Path file) {
        return new ParquetSourceFactory()
                .create(new MapConfig("source", Map.of("path", file.toString())), new TestContext());
    }

    @Test
    void trainsFromParquetAndPredictsIntoParquet(BufferAllocator allocator) throws Exception {
        Path run = temp.resolve("iris-parquet");
        PipelinesTest.Result trained = PipelinesTest.quiver(
                "run", PIPELINES.resolve("iris-parquet.yaml").toString(), "--out", run.toString());
        assertEquals(0, trained.code(), trained.err());
        JsonNode schema = new ObjectMapper().readTree(run.resolve("schema.json").toFile());
        List<String> read = new java.util.ArrayList<>();
        schema.path("fields").forEach(field -> read.add(field.path("name").asText()));
        assertEquals(
                List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "species"),
                read,
                "the source read the features and the target only, not the file's id column");

        Path output = temp.resolve("out/predicted.parquet");
        PipelinesTest.Result predicted = PipelinesTest.quiver(
                "predict",
                "--model",
                run.toString(),
                "--input",
                PIPELINES.resolve("data/iris.parquet").toString(),
                "--output",
                output.toString());
        assertEquals(0, predicted.code(), predicted.err());
        Source written = parquet(output);
        List<String> columns =
                written.schema().getFields().stream().map(Field::getName).toList();
        assertEquals("id", columns.get(0), "predict keeps the input's columns: " + columns);
        assertTrue(columns.contains("prediction"), columns.toString());
        List<List<Object>> rows = SourceConformance.readAll(written, allocator);
        assertEquals(150, rows.size());
        int prediction = columns.indexOf("prediction");
        int species = columns.indexOf("species");
        long right = rows.stream()
                .filter(r -> r.get(prediction).equals(r.get(species)))
                .count();
        assertTrue(right >= 140, right + " of 150 predicted right");
    }
}
