package dev.quiver.serve.internal;

import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's metrics, kept by an OpenTelemetry metrics SDK of its own whose only reader is the Prometheus
 * exporter's, and written by {@link #scrape} for {@code GET /metrics} in the format the scraper's
 * {@code Accept} asks for (Prometheus text by default, OpenMetrics or protobuf on request):
 *
 * <ul>
 *   <li>{@code quiver_serve_requests_total{route, model, status, error_type}}: every answered request (no
 *       {@code model} label outside a served model's paths, no {@code error_type} on a success);
 *   <li>{@code quiver_serve_request_duration_seconds{route, model, status}}: a latency histogram, from the
 *       moment a thread takes the request to the last byte of its answer;
 *   <li>{@code quiver_serve_rows_predicted_total{model}}: rows answered with a prediction;
 *   <li>{@code quiver_serve_in_flight_requests}: requests being handled now;
 *   <li>{@code quiver_serve_batches_total{model}} and {@code quiver_serve_batched_requests_total{model}} with
 *       micro-batching on: their ratio is the mean number of requests a batch joined.
 * </ul>
 *
 * <p>Why a provider of its own rather than the host's: {@code /metrics} must work with no setup, and the host's
 * SDK (if any) exports elsewhere. Owned by the {@code ModelServer}, closed with it; every method may be called
 * from any request thread.
 */
public final class ServeMetrics implements AutoCloseable {

    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("route");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("model");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("status");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error_type");

    /** From half a millisecond to ten seconds: a one-row answer takes well under a millisecond when warm. */
    private static final List<Double> BUCKETS =
            List.of(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

    private final PrometheusMetricReader reader;
    private final SdkMeterProvider provider;
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final LongCounter requests;
    private final DoubleHistogram duration;
    private final LongCounter rows;
    private final LongUpDownCounter inFlight;
    private final LongCounter batches;
    private final LongCounter batchedRequests;

    public ServeMetrics() {
        reader = new PrometheusMetricReader(false, name -> false);
        provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
        Meter meter = provider.get("dev.quiver.serve");
        requests = meter.counterBuilder("quiver.serve.requests")
                .setDescription("Requests answered, by route, model, HTTP status and error type")
                .build();
        duration = meter.histogramBuilder("quiver.serve.request.duration")
                .setUnit("s")
                .setDescription("Time from a thread taking the request to the end of its answer")
                .setExplicitBucketBoundariesAdvice(BUCKETS)
                .build();
        rows = meter.counterBuilder("quiver.serve.rows.predicted")
                .setDescription("Rows answered with a prediction")
                .build();
        inFlight = meter.upDownCounterBuilder("quiver.serve.in_flight.requests")
                .setDescription("Requests being handled now")
                .build();
        batches = meter.counterBuilder("quiver.serve.batches")
                .setDescription("Micro-batches predicted (each joins one or more requests)")
                .build();
        batchedRequests = meter.counterBuilder("quiver.serve.batched.requests")
                .setDescription("Requests predicted through micro-batches")
                .build();
    }

    /** A micro-batch of {@code requests} requests for {@code model} was predicted. */
    public void batched(String model, int requests) {
        Attributes labels = Attributes.of(MODEL, model);
        batches.add(1, labels);
        batchedRequests.add(requests, labels);
    }

    /** A request has been taken by a thread. */
    public void started() {
        inFlight.add(1);
    }

    /** A request has been answered with {@code status}; {@code errorType} is null for a success. */
    public void finished(String route, String model, int status, String errorType, long startNanos) {
        inFlight.add(-1);
        AttributesBuilder common = Attributes.builder().put(ROUTE, route).put(STATUS, (long) status);
        if (model != null) {
            common.put(MODEL, model);
        }
        Attributes labels = common.build();
        requests.add(
                1,
                errorType == null
                        ? labels
                        : labels.toBuilder().put(ERROR_TYPE, errorType).build());
        duration.record((System.nanoTime() - startNanos) / 1e9, labels);
    }

    /** {@code count} rows of {@code model} were predicted and answered. */
    public void predicted(String model, long count) {
        rows.add(count, Attributes.of(MODEL, model));
    }

    /** Answers {@code GET /metrics}: every metric now, in the format the request's {@code Accept} names. */
    public void scrape(HttpExchange exchange) throws IOException {
        ExpositionFormatWriter writer =
                formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, reader.collect());
        Responses.bytes(exchange, 200, writer.getContentType(), out.toByteArray());
    }

    @Override
    public void close() {
        provider.shutdown().join(5, TimeUnit.SECONDS);
    }
}
