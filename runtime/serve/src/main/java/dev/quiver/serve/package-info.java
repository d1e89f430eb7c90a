/**
 * A prediction service over saved runs: {@link dev.quiver.serve.ModelServer} serves one or more
 * {@link dev.quiver.runtime.bundle.FittedPipeline}s over HTTP (JSON rows or columns, Arrow IPC streams), with
 * health and readiness endpoints, Prometheus metrics ({@code /metrics}, through OpenTelemetry's Prometheus
 * exporter), request spans, bounded threads, queue, body size and time, optional micro-batching and a graceful
 * drain on close.
 */
package dev.quiver.serve;
