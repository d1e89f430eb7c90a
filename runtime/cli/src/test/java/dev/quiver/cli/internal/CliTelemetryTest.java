package dev.quiver.cli.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The SDK is started only when an OTEL_* variable or otel.* property asks for something. */
class CliTelemetryTest {

    @Test
    void nothingSetMeansNoSdk() {
        Properties properties = new Properties();
        properties.setProperty("java.version", "17");
        assertFalse(CliTelemetry.requested(Map.of("PATH", "/bin", "MY_OTEL", "x"), properties));
    }

    @Test
    void anOtelVariableOrPropertyStartsIt() {
        assertTrue(CliTelemetry.requested(Map.of("OTEL_TRACES_EXPORTER", "otlp"), new Properties()));
        Properties properties = new Properties();
        properties.setProperty("otel.metrics.exporter", "logging");
        assertTrue(CliTelemetry.requested(Map.of(), properties));
    }
}
