package dev.quiver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.TableData;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API as an application uses it: load a file, run it, serve the saved model. */
@ExtendWith(LeakCheckExtension.class)
class QuiverTest {

    @TempDir
    Path temp;

    @Test
    void loadRunAndServeWithTheApplicationsTelemetry(BufferAllocator allocator) throws IOException {
        Path file = temp.resolve("houses.yaml");
        Files.writeString(file, """
                version: 1
                name: houses
                source: {type: memory, columns: {area: [80.0, 100.0], price: [130.0, 150.0]}}
                columns: {features: [area], target: price}
                model: {type: mean}
                evaluate: [mse]
                output: {dir: out}
                """);
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .build()) {
            Quiver quiver =
                    Quiver.builder().openTelemetry(sdk).allocator(allocator).build();

            Pipeline pipeline = quiver.load(file, List.of("model.shift=1"));
            RunResult run = quiver.run(pipeline, RunOptions.defaults());

            // output.dir is a run history: this run is a folder in it, named by its id, and LATEST names it
            assertEquals(temp.resolve("out"), run.directory().getParent());
            assertEquals(
                    run.directory().getFileName() + "\n",
                    java.nio.file.Files.readString(temp.resolve("out").resolve("LATEST")));
            assertEquals(101.0, run.metric("train", "mse"), 1e-12, "mean 140 + shift 1: errors 11 and -9");
            assertEquals(
                    1,
                    spans.getFinishedSpanItems().stream()
                            .filter(s -> s.getName().equals("quiver.run"))
                            .count());

            FittedPipeline model = quiver.loadModel(temp.resolve("out")); // the history: its LATEST run
            try (VectorSchemaRoot input =
                            TableData.builder().doubles("area", 110.0).build().toRoot(allocator);
                    VectorSchemaRoot output = model.predict(input, allocator)) {
                assertEquals(141.0, ((Float8Vector) output.getVector("prediction")).get(0));
            }
        }
    }
}
