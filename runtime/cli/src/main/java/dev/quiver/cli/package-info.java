/**
 * The {@code quiver} command line ({@link dev.quiver.cli.Main}), built with picocli. The only package that
 * uses the OpenTelemetry SDK (configured from {@code OTEL_*} settings, exporters off by default).
 */
package dev.quiver.cli;
