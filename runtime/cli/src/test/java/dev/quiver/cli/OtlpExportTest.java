package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.quiver.cli.CliUsageTest.Result;
import dev.quiver.runtime.telemetry.RunTelemetry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's telemetry reaches a real OTLP receiver: a loopback HTTP server in this test that decodes what the
 * shipped OTLP exporter sends as protobuf. The OTEL_* settings are given as their otel.* system properties
 * (which the SDK reads the same way), restored after each test.
 */
class OtlpExportTest {

    private static final String HOUSES = """
            version: 1
            name: houses
            source: {type: memory, columns: {area: [80.0, 100.0, 120.0, 140.0], price: [130.0, 150.0, 170.0, 190.0]}}
            columns: {features: [area], target: price}
            model: {type: mean}
            evaluate: [mse]
            output: {dir: runs/houses}
            """;

    @TempDir
    Path temp;

    private final Map<String, String> saved = new HashMap<>();

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterEach
    void restoreProperties() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void runSpansStageSpansAndTheRowCounterReachAnOtlpHttpReceiver() throws IOException {
        List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
        List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                traces.add(ExportTraceServiceRequest.parseFrom(body));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/v1/metrics", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                metrics.add(ExportMetricsServiceRequest.parseFrom(body));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            set("otel.traces.exporter", "otlp");
            set("otel.metrics.exporter", "otlp");
            set("otel.exporter.otlp.protocol", "http/protobuf");
            set(
                    "otel.exporter.otlp.endpoint",
                    "http://127.0.0.1:" + server.getAddress().getPort());
            Path pipeline = Files.writeString(temp.resolve("houses.yaml"), HOUSES);

            Result r = CliUsageTest.quiver("run", pipeline.toString());

            assertEquals(0, r.code(), r.err());
        } finally {
            server.stop(0);
        }
        List<Span> spans = traces.stream()
                .flatMap(t -> t.getResourceSpansList().stream())
                .flatMap(rs -> rs.getScopeSpansList().stream())
                .flatMap(ss -> ss.getSpansList().stream())
                .toList();
        List<String> names = spans.stream().map(Span::getName).toList();
        assertTrue(names.contains(RunTelemetry.RUN_SPAN), names.toString());
        Span run = spans.stream()
                .filter(s -> s.getName().equals(RunTelemetry.RUN_SPAN))
                .findFirst()
                .orElseThrow();
        List<Span> stages = spans.stream()
                .filter(s -> s.getName().startsWith(RunTelemetry.STAGE_SPAN_PREFIX))
                .toList();
        assertTrue(
                stages.stream().anyMatch(s -> s.getName().equals(RunTelemetry.STAGE_SPAN_PREFIX + "evaluate")),
                names.toString());
        stages.forEach(s -> assertEquals(run.getSpanId(), s.getParentSpanId(), s.getName() + " is a child of the run"));
        String service = traces.get(0).getResourceSpans(0).getResource().getAttributesList().stream()
                .filter(a -> a.getKey().equals("service.name"))
                .findFirst()
                .orElseThrow()
                .getValue()
                .getStringValue();
        assertEquals("quiver", service);

        List<Metric> rows = metrics.stream()
                .flatMap(m -> m.getResourceMetricsList().stream())
                .flatMap(rm -> rm.getScopeMetricsList().stream())
                .flatMap(sm -> sm.getMetricsList().stream())
                .filter(m -> m.getName().equals(RunTelemetry.ROWS))
                .toList();
        assertFalse(rows.isEmpty(), "no " + RunTelemetry.ROWS + " counter among " + metrics);
        long counted = rows.get(rows.size() - 1).getSum().getDataPointsList().stream()
                .mapToLong(NumberDataPoint::getAsInt)
                .sum();
        assertTrue(counted >= 4, "rows counted: " + counted);
    }

    @Test
    void theOtlpGrpcAndLoggingExportersAreShipped() throws IOException {
        Path pipeline = Files.writeString(temp.resolve("houses.yaml"), HOUSES);
        set("otel.exporter.otlp.protocol", "grpc");
        // validate records no spans, so the gRPC exporter is built but never connects to this closed port
        set("otel.exporter.otlp.endpoint", "http://127.0.0.1:9");
        set("otel.traces.exporter", "otlp");
        Result grpc = CliUsageTest.quiver("validate", pipeline.toString());
        assertEquals(0, grpc.code(), grpc.err());
        assertTrue(grpc.out().startsWith("ok"), grpc.out());

        set("otel.traces.exporter", "logging");
        set("otel.metrics.exporter", "logging");
        Result logging = CliUsageTest.quiver("validate", pipeline.toString());
        assertEquals(0, logging.code(), logging.err());
        assertTrue(logging.out().startsWith("ok"), logging.out());
    }

    @Test
    void anUnknownExporterIsAConfigErrorNamingIt() throws IOException {
        Path pipeline = Files.writeString(temp.resolve("houses.yaml"), HOUSES);
        set("otel.traces.exporter", "zipkinn");
        Result r = CliUsageTest.quiver("validate", pipeline.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("Invalid OpenTelemetry setting") && r.err().contains("zipkinn"), r.err());
        assertTrue(r.err().contains("otlp, logging and none"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
