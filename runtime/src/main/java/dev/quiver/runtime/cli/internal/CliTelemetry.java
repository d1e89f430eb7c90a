package dev.quiver.runtime.cli.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's OpenTelemetry SDK, configured by the standard {@code OTEL_*} environment variables and
 * {@code otel.*} system properties. Exporters default to {@code none}: the SDK's default OTLP exporter would
 * otherwise try to reach a collector that usually is not there and stall shutdown for seconds. Set, e.g.,
 * {@code OTEL_TRACES_EXPORTER=otlp} or {@code =logging} to turn one on. Owned by the CLI's main thread.
 */
public final class CliTelemetry implements AutoCloseable {

    private static final Map<String, String> DEFAULTS = Map.of(
            "otel.traces.exporter", "none",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            "otel.service.name", "quiver");

    private final OpenTelemetrySdk sdk;

    private CliTelemetry(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    public static CliTelemetry start() {
        // Properties supplied here are defaults: OTEL_* variables and -Dotel.* properties override them.
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> DEFAULTS)
                .disableShutdownHook() // the CLI shuts it down itself, when the command ends
                .build()
                .getOpenTelemetrySdk();
        return new CliTelemetry(sdk);
    }

    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    @Override
    public void close() {
        sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
}
