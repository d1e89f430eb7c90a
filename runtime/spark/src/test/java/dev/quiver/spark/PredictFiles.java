package dev.quiver.spark;

import dev.quiver.api.Plugin;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.OnInvalid;
import dev.quiver.runtime.exec.internal.Evaluation;
import dev.quiver.runtime.exec.internal.PredictionsOutput;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The local side of a prediction's comparison: what {@code quiver predict} on the local engine does (the file read
 * batch by batch through {@code FittedPipeline.predict} into one sink), and the files read back as rows of cells.
 */
final class PredictFiles {

    private PredictFiles() {}

    /** A file's source or sink plugin of {@code type} for {@code path}. */
    static Source source(String type, Path path) {
        return LocalReference.make(Plugin::getSourceFactories, type)
                .create(MapConfig.of("path", path.toString()), new TestContext());
    }

    /** Local predict of {@code input} (a csv) into {@code output} with the sink of {@code type}, as the CLI does. */
    static void predictLocally(
            FittedPipeline fitted,
            Path input,
            Path output,
            String type,
            OnInvalid onInvalid,
            BufferAllocator allocator) {
        Source source = source("csv", input);
        Sink sink = LocalReference.make(Plugin::getSinkFactories, type)
                .create(MapConfig.of("path", output.toString()), new TestContext());
        try (BatchReader reader = source.open(allocator);
                SinkWriter writer = sink.open(fitted.outputSchema(source.schema(), onInvalid), allocator)) {
            while (reader.loadNextBatch()) {
                try (VectorSchemaRoot predictions = fitted.predict(reader.root(), allocator, onInvalid)) {
                    writer.write(predictions);
                }
            }
            writer.commit();
        }
    }

    /** Every row of the {@code type} files, in order, each as its column names and cells ({@code getObject}). */
    static List<Map<String, Object>> rows(String type, List<Path> files, BufferAllocator allocator) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path file : files) {
            try (BatchReader reader = source(type, file).open(allocator)) {
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot root = reader.root();
                    for (int r = 0; r < root.getRowCount(); r++) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (FieldVector v : root.getFieldVectors()) {
                            Object cell = v.getObject(r);
                            row.put(v.getName(), cell == null ? null : cell instanceof Number ? cell : cell.toString());
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    /** What {@code quiver evaluate} reports for {@code metrics} on {@code input}: the metrics plugins' values. */
    static Map<String, Double> evaluate(
            FittedPipeline fitted, Path input, List<String> metrics, BufferAllocator allocator) {
        List<Named<Metric>> named = new ArrayList<>();
        for (String metric : metrics) {
            named.add(new Named<>(
                    metric,
                    LocalReference.make(Plugin::getMetricFactories, metric).create(MapConfig.of(), new TestContext()),
                    Map.of()));
        }
        return Evaluation.score(fitted, source("csv", input), named, allocator, null, PredictionsOutput.NONE, n -> {})
                .values();
    }

    /** A csv of {@code rows} houses, {@code area} and {@code price}, from {@code first}; {@code bad} row blank. */
    static Path houses(Path file, int first, int rows, int bad) throws IOException {
        StringBuilder csv = new StringBuilder("area,price\n");
        for (int i = first; i < first + rows; i++) {
            int area = 40 + (i * 37) % 300; // whole numbers, as the example's data
            csv.append(i == bad ? "" : area)
                    .append(',')
                    .append(10 + area + area / 2 + i % 7)
                    .append('\n');
        }
        return Files.writeString(file, csv.toString());
    }

    /** The part files of a Spark prediction's output folder, in name (= row) order. */
    static List<Path> parts(Path output) throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .toList();
        }
    }
}
