/**
 * OpenTelemetry instrumentation through the API only; the {@link io.opentelemetry.api.OpenTelemetry} instance
 * is injected, never taken from {@code GlobalOpenTelemetry}.
 */
package dev.quiver.runtime.telemetry;
