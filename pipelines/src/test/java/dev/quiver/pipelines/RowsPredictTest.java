package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.model.PredictionColumns;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.Prediction;
import dev.quiver.runtime.bundle.Predictions;
import dev.quiver.testing.LeakCheckExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row path ({@code predict(rows)}, {@code predictColumns}, {@code predict(double[][])}) gives bit for bit what
 * {@code quiver predict} writes and what the Arrow path returns, on a classifier (iris, an MLP) and a regression
 * (diabetes, least squares), also from 16 threads sharing one {@link FittedPipeline}.
 */
@ExtendWith(LeakCheckExtension.class)
class RowsPredictTest {

    private static final Path PIPELINES =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void irisRowsGiveTheCliAnswersBitForBit(BufferAllocator allocator) throws Exception {
        Path data = PIPELINES.resolve("data/iris.csv");
        Cli cli = trainAndPredict("iris.yaml", data, allocator);
        try (Quiver quiver = Quiver.builder().allocator(allocator).build()) {
            FittedPipeline model = quiver.loadModel(cli.run);
            List<Map<String, Object>> rows = readRows(data);
            assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), model.featureNames());

            Predictions byRows = model.predict(rows);
            assertEquals(model.classes(), byRows.classes());
            assertEquals(List.of("setosa", "versicolor", "virginica"), byRows.classes());
            assertEquals(3, cli.probabilities.get(0).size(), "the CLI wrote one probability per class");
            assertSameAsCli(cli, byRows);
            assertSameAsCli(cli, model.predictColumns(columns(rows, model.featureNames())));
            assertSameAsCli(cli, model.predict(matrix(rows, model.featureNames())));
            assertFromManyThreads(model, rows, cli);
        }
    }

    @Test
    void regressionRowsGiveTheCliAnswersBitForBit(BufferAllocator allocator) throws Exception {
        Path data = PIPELINES.resolve("data/diabetes.csv");
        Cli cli = trainAndPredict("diabetes-least-squares.yaml", data, allocator);
        try (Quiver quiver = Quiver.builder().allocator(allocator).build()) {
            FittedPipeline model = quiver.loadModel(cli.run);
            List<Map<String, Object>> rows = readRows(data);
            assertEquals(10, model.featureNames().size());
            assertSameAsCli(cli, model.predict(rows));
            assertSameAsCli(cli, model.predictColumns(columns(rows, model.featureNames())));
            assertSameAsCli(cli, model.predict(matrix(rows, model.featureNames())));
            assertFromManyThreads(model, rows, cli);
        }
    }

    /** 16 threads, one shared model, each predicting every row several times: always the CLI's bits. */
    private static void assertFromManyThreads(FittedPipeline model, List<Map<String, Object>> rows, Cli cli)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<List<Predictions>>> answers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                answers.add(pool.submit(() -> {
                    List<Predictions> mine = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        mine.add(model.predict(rows));
                    }
                    return mine;
                }));
            }
            for (Future<List<Predictions>> answer : answers) {
                for (Predictions p : answer.get()) {
                    assertSameAsCli(cli, p);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void assertSameAsCli(Cli cli, Predictions predictions) {
        assertEquals(cli.labels.size(), predictions.size());
        for (int r = 0; r < predictions.size(); r++) {
            Prediction p = predictions.get(r);
            if (cli.values.isEmpty()) {
                assertEquals(cli.labels.get(r), p.label(), "row " + r);
                Map<String, Double> expected = cli.probabilities.get(r);
                assertEquals(
                        List.copyOf(expected.keySet()),
                        List.copyOf(p.probabilities().keySet()));
                for (String c : expected.keySet()) {
                    assertEquals(
                            Double.doubleToRawLongBits(expected.get(c)),
                            Double.doubleToRawLongBits(p.probability(c)),
                            "row " + r + " class " + c);
                }
            } else {
                assertEquals(
                        Double.doubleToRawLongBits(cli.values.get(r)),
                        Double.doubleToRawLongBits(p.value()),
                        "row " + r);
            }
        }
    }

    /** What the CLI wrote for every row of {@code data}: labels and probabilities, or values. */
    private record Cli(Path run, List<String> labels, List<Map<String, Double>> probabilities, List<Double> values) {}

    private Cli trainAndPredict(String pipeline, Path data, BufferAllocator allocator) throws IOException {
        Path run = temp.resolve("run");
        PipelinesTest.Result trained =
                PipelinesTest.quiver("run", PIPELINES.resolve(pipeline).toString(), "--out", run.toString());
        assertEquals(0, trained.code(), trained.err());
        Path output = temp.resolve("predicted.arrow");
        PipelinesTest.Result predicted = PipelinesTest.quiver(
                "predict", "--model", run.toString(), "--input", data.toString(), "--output", output.toString());
        assertEquals(0, predicted.code(), predicted.err());

        List<String> labels = new ArrayList<>();
        List<Map<String, Double>> probabilities = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        try (ArrowFileReader reader = new ArrowFileReader(Files.newByteChannel(output), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                FieldVector prediction = root.getVector(PredictionColumns.PREDICTION);
                for (int r = 0; r < root.getRowCount(); r++) {
                    if (prediction instanceof VarCharVector text) {
                        labels.add(text.getObject(r).toString());
                        Map<String, Double> p = new LinkedHashMap<>();
                        for (FieldVector v : root.getFieldVectors()) {
                            if (v.getName().startsWith(PredictionColumns.PROBABILITY_PREFIX)) {
                                p.put(
                                        v.getName().substring(PredictionColumns.PROBABILITY_PREFIX.length()),
                                        ((Float8Vector) v).get(r));
                            }
                        }
                        probabilities.add(p);
                    } else {
                        labels.add("");
                        values.add(((Float8Vector) prediction).get(r));
                    }
                }
            }
        }
        assertTrue(labels.size() > 100, "every row predicted: " + labels.size());
        return new Cli(run, labels, probabilities, values);
    }

    /** A CSV of numbers (and a text target) as maps: numbers as Double, as the CSV source reads them. */
    private static List<Map<String, Object>> readRows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c].matches("-?[0-9.]+") ? (Object) Double.parseDouble(cells[c]) : cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> columns(List<Map<String, Object>> rows, List<String> names) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String name : names) {
            columns.put(
                    name, rows.stream().mapToDouble(r -> (Double) r.get(name)).toArray());
        }
        columns.put("ignored", new String[rows.size()]);
        return columns;
    }

    private static double[][] matrix(List<Map<String, Object>> rows, List<String> names) {
        return rows.stream()
                .map(r -> names.stream().mapToDouble(n -> (Double) r.get(n)).toArray())
                .toArray(double[][]::new);
    }
}
