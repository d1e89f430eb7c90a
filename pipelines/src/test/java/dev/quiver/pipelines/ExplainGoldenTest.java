package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import dev.quiver.cli.internal.DataFiles;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.exec.internal.DataSummary;
import dev.quiver.runtime.exec.internal.Table;
import dev.quiver.runtime.explain.ClusterScores;
import dev.quiver.runtime.explain.PartialDependence;
import dev.quiver.runtime.report.ColumnSummary;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial dependence, the clustering scores and the report's column summary against scikit-learn and numpy on
 * the same data (goldens: {@code src/test/python/make_importance_goldens.py}).
 */
@ExtendWith(LeakCheckExtension.class)
class ExplainGoldenTest {

    @TempDir
    Path dir;

    @Test
    void partialDependenceOfLeastSquaresMatchesScikitLearn(BufferAllocator allocator) throws IOException {
        JsonNode golden = golden("diabetes-partial-dependence.json");
        Path data = Path.of("data/diabetes.csv").toAbsolutePath();
        String yaml = """
                version: 1
                name: diabetes-pd
                source: {type: csv, path: "%s"}
                columns: {target: progression}
                split: none
                model: {type: linear-regression, solver: least-squares}
                evaluate: [r2]
                """.formatted(data);
        try (Quiver quiver = Quiver.create()) {
            RunResult run =
                    quiver.run(quiver.pipeline(yaml, dir), RunOptions.defaults().withOutputDir(dir.resolve("r")));
            Source source = DataFiles.source(quiver.registry(), data, "--input");
            try (Table rows = Table.read(source, allocator, allocator, n -> {})) {
                for (String feature : List.of("bmi", "sex", "s5")) {
                    JsonNode expected = golden.get("features").get(feature);
                    PartialDependence.Curve curve = PartialDependence.compute(
                            run.fitted(),
                            rows,
                            feature,
                            golden.get("grid_resolution").asInt(),
                            allocator);
                    assertArrayEquals(doubles(expected.get("grid")), curve.grid(), 1e-12, feature + " grid");
                    assertArrayEquals(doubles(expected.get("average")), curve.average()[0], 1e-6, feature + " average");
                }
            }
        }
    }

    @Test
    void clusteringScoresMatchScikitLearn() throws IOException {
        JsonNode golden = golden("iris-clusters.json");
        JsonNode points = golden.get("points");
        double[][] x = new double[points.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = doubles(points.get(i));
        }
        int[] labels = ints(golden.get("labels"));
        assertEquals(golden.get("silhouette").asDouble(), ClusterScores.silhouette(x, labels), 1e-12);
        assertEquals(golden.get("davies_bouldin").asDouble(), ClusterScores.daviesBouldin(x, labels), 1e-12);
        // The adjusted Rand index is a metric plugin's, reached as a run reaches it: by name from the registry.
        double[] clusters = Arrays.stream(labels).asDoubleStream().toArray();
        double[] species =
                Arrays.stream(ints(golden.get("species"))).asDoubleStream().toArray();
        try (Quiver quiver = Quiver.create()) {
            Metric adjustedRand =
                    quiver.registry().metrics().get("adjusted-rand").create(MapConfig.of(), new TestContext());
            assertEquals(
                    golden.get("adjusted_rand").asDouble(),
                    adjustedRand.compute(new Predictions(Task.CLUSTERING, List.of(), species, clusters, null)),
                    1e-12);
            assertEquals(
                    1.0,
                    adjustedRand.compute(new Predictions(Task.CLUSTERING, List.of(), clusters, clusters, null)),
                    1e-15);
        }
    }

    @Test
    void columnSummaryMatchesNumpy(BufferAllocator allocator) throws IOException {
        JsonNode golden = golden("iris-clusters.json").get("summary");
        try (Quiver quiver = Quiver.create()) {
            Source source =
                    DataFiles.source(quiver.registry(), Path.of("data/iris.csv").toAbsolutePath(), "--input");
            List<ColumnSummary> summary = DataSummary.of(
                    source,
                    List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "species"),
                    allocator);
            for (ColumnSummary c : summary.subList(0, 4)) {
                JsonNode expected = golden.get(c.name());
                assertEquals(expected.get("mean").asDouble(), c.mean(), 1e-12, c.name());
                assertEquals(expected.get("std").asDouble(), c.std(), 1e-12, c.name());
                assertEquals(expected.get("min").asDouble(), c.min(), 0, c.name());
                assertEquals(expected.get("max").asDouble(), c.max(), 0, c.name());
                assertEquals(0, c.missing());
            }
            ColumnSummary species = summary.get(4);
            assertEquals(3, species.distinct());
            assertEquals(50L, species.top().get(0).getValue());
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = ExplainGoldenTest.class.getResourceAsStream("/golden/importance/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
