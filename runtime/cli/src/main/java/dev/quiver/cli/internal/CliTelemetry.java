package dev.quiver.cli.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The CLI's OpenTelemetry SDK, configured by the standard {@code OTEL_*} environment variables and
 * {@code otel.*} system properties. Exporters default to {@code none}: the SDK's default OTLP exporter would
 * otherwise try to reach a collector that usually is not there and stall shutdown for seconds. Set, e.g.,
 * {@code OTEL_TRACES_EXPORTER=otlp} or {@code =logging} to turn one on; the OTLP exporter speaks gRPC or, with
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf}, HTTP. Owned by the CLI's main thread.
 */
public final class CliTelemetry implements AutoCloseable {

    private static final Map<String, String> DEFAULTS = Map.of(
            "otel.traces.exporter", "none",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            "otel.service.name", "quiver");

    /** The exporter names the CLI's classpath answers to (see the runtime's and the distribution's poms). */
    private static final String EXPORTERS = "otlp, logging and none";

    /**
     * The autoconfigure builder logs "Error encountered during autoconfiguration" at INFO before throwing; the
     * CLI reports the error itself, in one message. Held here so that the level set on it is not collected.
     */
    private static final Logger AUTOCONFIGURE_LOG =
            Logger.getLogger(AutoConfiguredOpenTelemetrySdkBuilder.class.getName());

    /**
     * An export that fails (no collector listening) is logged by the exporter with a stack trace; its message
     * already names the cause, so the CLI prints that line alone, as it does for its own errors.
     */
    private static final List<Logger> EXPORTER_LOGS = List.of(
            Logger.getLogger("io.opentelemetry.exporter.internal.grpc.GrpcExporter"),
            Logger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter"));

    /** Null when nothing asks for telemetry: the SDK is then not even loaded (about 150 classes of start-up). */
    private final OpenTelemetrySdk sdk;

    private CliTelemetry(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    /** Whether any {@code OTEL_*} variable or {@code otel.*} property is set; without one every exporter is off. */
    static boolean requested(Map<String, String> environment, java.util.Properties properties) {
        return environment.keySet().stream().anyMatch(k -> k.startsWith("OTEL_"))
                || properties.stringPropertyNames().stream().anyMatch(k -> k.startsWith("otel."));
    }

    /**
     * Starts the SDK as the {@code OTEL_*} settings say.
     *
     * @throws QuiverException a configuration error (exit 2) when a setting is invalid, e.g. an exporter name
     *     that no shipped exporter answers to
     */
    public static CliTelemetry start() {
        if (!requested(System.getenv(), System.getProperties())) {
            return new CliTelemetry(null);
        }
        AUTOCONFIGURE_LOG.setLevel(Level.WARNING);
        EXPORTER_LOGS.forEach(log -> log.setFilter(record -> {
            record.setThrown(null); // filters run only on the logger logged to, hence one per exporter class
            return true;
        }));
        try {
            // Properties supplied here are defaults: OTEL_* variables and -Dotel.* properties override them.
            OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> DEFAULTS)
                    .disableShutdownHook() // the CLI shuts it down itself, when the command ends
                    .build()
                    .getOpenTelemetrySdk();
            return new CliTelemetry(sdk);
        } catch (ConfigurationException e) {
            String reason = e.getMessage().replaceAll("\\.+$", "");
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "Invalid OpenTelemetry setting: " + reason
                            + ". The CLI ships the exporters " + EXPORTERS + " for OTEL_TRACES_EXPORTER,"
                            + " OTEL_METRICS_EXPORTER and OTEL_LOGS_EXPORTER; OTEL_EXPORTER_OTLP_PROTOCOL is grpc (the"
                            + " default, port 4317) or http/protobuf (port 4318).",
                    e);
        }
    }

    public OpenTelemetry openTelemetry() {
        return sdk == null ? OpenTelemetry.noop() : sdk;
    }

    @Override
    public void close() {
        if (sdk != null) {
            sdk.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
