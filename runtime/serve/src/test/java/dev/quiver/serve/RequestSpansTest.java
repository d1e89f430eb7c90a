package dev.quiver.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.testing.LeakCheckExtension;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each request is a server span of the host's OpenTelemetry, a child of the caller's {@code traceparent}. */
@ExtendWith(LeakCheckExtension.class)
class RequestSpansTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    @Test
    void aPredictionAndAnErrorAreServerSpansUnderTheCallersTrace(BufferAllocator allocator) throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder()
                                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                                .build())
                        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                        .build();
                ModelServer server = ModelServer.builder()
                        .model("slow", SlowDouble.pipeline(0))
                        .port(0)
                        .openTelemetry(otel)
                        .allocator(allocator)
                        .start()) {
            HttpClient client = HttpClient.newHttpClient();
            for (String body : List.of("{\"rows\": [{\"x\": 1.0}, {\"x\": 2.0}]}", "{\"rows\": [{\"x\": \"one\"}]}")) {
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + server.port() + "/v1/models/slow/predict"))
                                .header("Content-Type", "application/json")
                                .header("traceparent", "00-" + TRACE + "-" + PARENT + "-01")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            // a span ends just after its answer is sent, so the client may read the answer first
            long until = System.nanoTime() + 5_000_000_000L;
            while (spans.getFinishedSpanItems().size() < 2 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            List<SpanData> finished = spans.getFinishedSpanItems();
            assertEquals(2, finished.size(), finished.toString());
            SpanData ok = finished.get(0);
            assertEquals("POST predict", ok.getName());
            assertEquals(SpanKind.SERVER, ok.getKind());
            assertEquals(TRACE, ok.getTraceId());
            assertEquals(PARENT, ok.getParentSpanId());
            assertEquals(200L, ok.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
            assertEquals(2L, ok.getAttributes().get(AttributeKey.longKey("quiver.rows")));
            assertEquals("slow", ok.getAttributes().get(AttributeKey.stringKey("quiver.model")));
            SpanData bad = finished.get(1);
            assertEquals(400L, bad.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
            assertEquals("bad_request", bad.getAttributes().get(AttributeKey.stringKey("error.type")));
            assertEquals(StatusCode.UNSET, bad.getStatus().getStatusCode(), "a 4xx is the caller's error, not ours");
        }
    }
}
