package dev.quiver.runtime.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.runtime.exec.ExecTestComponents;
import dev.quiver.runtime.exec.Executor;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.pipeline.DataPlan;
import dev.quiver.runtime.pipeline.ModelPlan;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.SplitSpec;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spans and metrics of a real run, through the SDK's in-memory exporters. */
class RunTelemetryTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    @TempDir
    Path temp;

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void aRunHasASpanPerStageUnderTheRunSpanAndCountsRowsAndBatches() {
        Pipeline pipeline = ExecTestComponents.centeredMean(
                ExecTestComponents.numbers(40), new SplitSpec(0.25, 0, false, 0), temp.resolve("run"));
        new Executor(new RunTelemetry(sdk)).run(pipeline, RunOptions.defaults());

        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData run = finished.stream()
                .filter(s -> s.getName().equals(RunTelemetry.RUN_SPAN))
                .findFirst()
                .orElseThrow();
        assertEquals("test", run.getAttributes().get(RunTelemetry.PIPELINE));
        List<String> stages = finished.stream()
                .filter(s -> s.getParentSpanId().equals(run.getSpanId()))
                .map(SpanData::getName)
                .toList();
        assertEquals(
                List.of(
                        "quiver.stage.split",
                        "quiver.stage.fit.center",
                        "quiver.stage.train",
                        "quiver.stage.evaluate",
                        "quiver.stage.insights",
                        "quiver.stage.write"),
                stages);
        assertTrue(finished.stream().allMatch(s -> s.getTraceId().equals(run.getTraceId())));

        Collection<MetricData> data = metrics.collectAllMetrics();
        assertEquals(40, sum(data, RunTelemetry.ROWS, "split"), "the split stage read every row once");
        assertEquals(3, sum(data, RunTelemetry.BATCHES, "split"), "40 rows in batches of 16");
        assertEquals(30, sum(data, RunTelemetry.ROWS, "train"), "one epoch over the 30 training rows");
        assertEquals(40, sum(data, RunTelemetry.ROWS, "evaluate"), "train and test rows scored");
    }

    @Test
    void epochLossIsAGaugeAndAFailedRunMarksItsSpans() {
        Trainer diverging = new Trainer() {
            @Override
            public Set<Task> tasks() {
                return Set.of(Task.REGRESSION);
            }

            @Override
            public Model fit(TrainingData data, FitContext context) {
                context.epochEnded(new EpochStats(1, 0.75, 0.5, Map.of(), 5, 0.1, 0.01));
                throw new QuiverException(dev.quiver.api.ErrorCode.DIVERGED, "loss is NaN at epoch 2");
            }
        };
        Pipeline base =
                ExecTestComponents.centeredMean(ExecTestComponents.numbers(10), SplitSpec.NONE, temp.resolve("run"));
        Pipeline pipeline = new Pipeline(
                base.file(),
                base.name(),
                base.seed(),
                new DataPlan(
                        base.data().source(), base.data().columns(), base.data().split(), List.of()),
                new ModelPlan(
                        new Named<>("diverging", diverging, Map.of()),
                        base.model().task(),
                        0),
                base.metrics(),
                base.output());

        assertThrows(
                QuiverException.class, () -> new Executor(new RunTelemetry(sdk)).run(pipeline, RunOptions.defaults()));

        MetricData loss = metrics.collectAllMetrics().stream()
                .filter(m -> m.getName().equals(RunTelemetry.EPOCH_LOSS))
                .findFirst()
                .orElseThrow();
        Map<String, Double> bySplit = new java.util.HashMap<>();
        loss.getDoubleGaugeData()
                .getPoints()
                .forEach(p -> bySplit.put(p.getAttributes().get(RunTelemetry.SPLIT), p.getValue()));
        assertEquals(Map.of("train", 0.75, "validation", 0.5), bySplit);

        for (String name : List.of(RunTelemetry.RUN_SPAN, "quiver.stage.train")) {
            SpanData span = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals(name))
                    .findFirst()
                    .orElseThrow();
            assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode(), name);
        }
    }

    private static long sum(Collection<MetricData> data, String name, String stage) {
        return data.stream()
                .filter(m -> m.getName().equals(name))
                .flatMap(m -> m.getLongSumData().getPoints().stream())
                .filter(p -> p.getAttributes().equals(Attributes.of(RunTelemetry.STAGE, stage)))
                .mapToLong(p -> p.getValue())
                .sum();
    }
}
