package dev.quiver.serve.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.InvalidRowException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Every endpoint: {@code GET /health}, {@code GET /ready}, {@code GET /metrics}, {@code GET /v1/models[/NAME]} and
 * {@code POST /v1/models/NAME/predict}. A predict request gets a child allocator of its own and is run by the
 * {@link Predictor}, while this thread waits until the request's deadline ({@code requestTimeoutMillis} after it
 * was queued): past it the answer is 504, or 503 when it passed before the prediction could start. A user mistake
 * is a JSON error with its status; anything else is a 500 without a stack trace (the trace goes to the log). Each
 * request is counted in {@link ServeMetrics} and traced as a server span of {@code tracer}. Immutable after
 * construction; the server's threads call {@link #handle} concurrently.
 */
public final class Routes implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(Routes.class.getName());

    private final Map<String, FittedPipeline> models;
    private final BufferAllocator allocator;
    private final long maxBodyBytes;
    private final long requestTimeoutNanos;
    private final Admission admission;
    private final Predictor predictor;
    private final ServeMetrics metrics;
    private final Telemetry telemetry;
    private final AtomicLong requests = new AtomicLong();

    public Routes(
            Map<String, FittedPipeline> models,
            BufferAllocator allocator,
            long maxBodyBytes,
            long requestTimeoutMillis,
            Admission admission,
            Predictor predictor,
            ServeMetrics metrics,
            Telemetry telemetry) {
        this.models = Map.copyOf(models);
        this.allocator = allocator;
        this.maxBodyBytes = maxBodyBytes;
        this.requestTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(requestTimeoutMillis);
        this.admission = admission;
        this.predictor = predictor;
        this.metrics = metrics;
        this.telemetry = telemetry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        String route = routeOf(path);
        String model = modelOf(path);
        metrics.started();
        Telemetry.Request span = telemetry.start(exchange, route, model);
        String errorType = null;
        try (exchange) {
            errorType = answer(exchange, span);
        } finally {
            int status = exchange.getResponseCode();
            metrics.finished(route, model, status, errorType, start);
            span.end(status, errorType);
        }
    }

    /** Answers the exchange; returns the error type when the answer is an error, else null. */
    private String answer(HttpExchange exchange, Telemetry.Request span) throws IOException {
        ApiError error;
        try {
            if (Admission.refused()) {
                exchange.getResponseHeaders().set("Connection", "close");
                error = admission.draining()
                        ? new ApiError(503, "draining", "The server is shutting down. Retry later.")
                        : new ApiError(
                                503,
                                "busy",
                                "The server is busy: every thread is working and the queue is full (--threads,"
                                        + " --queue). Retry later.");
            } else {
                route(exchange, span);
                return null;
            }
        } catch (ApiError e) {
            error = e;
        } catch (InvalidRowException e) {
            error = new ApiError(
                    400, "row " + e.row() + " column '" + e.column() + "': " + e.reason() + ".", e.column(), e.row());
        } catch (QuiverException e) {
            error = new ApiError(400, e.getMessage());
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request " + exchange.getRequestURI() + " failed", e);
            error = new ApiError(
                    500, "Internal error: " + e.getClass().getSimpleName() + " (the server log has the details).");
        }
        if (error.status() == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        Responses.error(exchange, error);
        return error.kind();
    }

    /** The metric and span name of a path: one of a few fixed values, so that no URL makes a new series. */
    static String routeOf(String path) {
        return switch (path) {
            case "/health" -> "health";
            case "/ready" -> "ready";
            case "/metrics" -> "metrics";
            case "/v1/models", "/v1/models/" -> "models";
            default -> !path.startsWith("/v1/models/") ? "other" : path.endsWith("/predict") ? "predict" : "model";
        };
    }

    /** The served model a path names, or null (an unknown name is never a metric label). */
    private String modelOf(String path) {
        if (!path.startsWith("/v1/models/")) {
            return null;
        }
        String rest = path.substring("/v1/models/".length());
        String name = rest.endsWith("/predict") ? rest.substring(0, rest.length() - "/predict".length()) : rest;
        return models.containsKey(name) ? name : null;
    }

    private void route(HttpExchange exchange, Telemetry.Request span) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/health")) {
            requireMethod(method, "GET");
            Responses.json(exchange, 200, Map.of("status", "ok"));
        } else if (path.equals("/ready")) {
            requireMethod(method, "GET");
            boolean ready = !admission.draining();
            Responses.json(exchange, ready ? 200 : 503, Map.of("status", ready ? "ready" : "draining"));
        } else if (path.equals("/metrics")) {
            requireMethod(method, "GET");
            metrics.scrape(exchange);
        } else if (path.equals("/v1/models") || path.equals("/v1/models/")) {
            requireMethod(method, "GET");
            ObjectNode body = Responses.JSON.createObjectNode();
            ArrayNode list = body.putArray("models");
            models.keySet().stream().sorted().forEach(name -> list.add(describe(name, models.get(name))));
            Responses.json(exchange, 200, body);
        } else if (path.startsWith("/v1/models/")) {
            String rest = path.substring("/v1/models/".length());
            boolean predict = rest.endsWith("/predict");
            String name = predict ? rest.substring(0, rest.length() - "/predict".length()) : rest;
            FittedPipeline model = models.get(name);
            if (model == null || name.contains("/")) {
                throw new ApiError(
                        404,
                        "No model named '" + name + "'; this server has "
                                + models.keySet().stream().sorted().toList() + " (GET /v1/models lists them).");
            }
            if (predict) {
                requireMethod(method, "POST");
                predict(exchange, name, model, span);
            } else {
                requireMethod(method, "GET");
                Responses.json(exchange, 200, describe(name, model));
            }
        } else {
            throw new ApiError(
                    404,
                    "No endpoint " + path + "; see /health, /ready, /metrics, /v1/models, /v1/models/NAME/predict.");
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new ApiError(405, method + " is not allowed here; use " + expected + ".");
        }
    }

    private static ObjectNode describe(String name, FittedPipeline model) {
        ObjectNode node = Responses.JSON.createObjectNode();
        node.put("name", name);
        node.put("pipeline", model.name());
        node.put("task", model.task().toString().toLowerCase(java.util.Locale.ROOT));
        ArrayNode inputs = node.putArray("inputs");
        for (Field f : JsonBatch.featureFields(model.inputSchema(), model.features())) {
            inputs.addObject().put("name", f.getName()).put("type", f.getType().toString());
        }
        ArrayNode classes = node.putArray("classes");
        model.classes().forEach(classes::add);
        return node;
    }

    private void predict(HttpExchange exchange, String name, FittedPipeline model, Telemetry.Request span)
            throws IOException {
        long deadline = Admission.admittedNanos() + requestTimeoutNanos;
        byte[] body = Bodies.read(exchange, maxBodyBytes);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean arrowIn = type != null && type.startsWith(ArrowBodies.MEDIA_TYPE);
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        // curl sends Accept: */*, so only an explicit JSON or Arrow Accept overrides answering in the request's format.
        boolean arrowOut = (accept != null && accept.startsWith(ArrowBodies.MEDIA_TYPE))
                || (arrowIn && (accept == null || !accept.startsWith("application/json")));
        if (System.nanoTime() > deadline) {
            throw queueTimeout();
        }
        BufferAllocator memory =
                allocator.newChildAllocator("request-" + requests.incrementAndGet(), 0, allocator.getLimit());
        CompletableFuture<Answer> pending =
                predictor.submit(new PredictRequest(name, model, body, arrowIn, arrowOut, memory));
        Answer answer;
        try {
            answer = pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the prediction may still run; its thread frees its memory when it ends, and nobody reads the answer
            pending.cancel(false);
            throw new ApiError(
                    504,
                    "The prediction took longer than the request timeout of "
                            + TimeUnit.NANOSECONDS.toMillis(requestTimeoutNanos) + " ms (--request-timeout-ms).");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("The prediction failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(false);
            throw new ApiError(503, "draining", "The server is shutting down. Retry later.");
        }
        span.rows(answer.rows());
        metrics.predicted(name, answer.rows());
        Responses.bytes(exchange, 200, answer.contentType(), answer.body());
    }

    private ApiError queueTimeout() {
        return new ApiError(
                503,
                "queue_timeout",
                "The request timeout of " + TimeUnit.NANOSECONDS.toMillis(requestTimeoutNanos)
                        + " ms (--request-timeout-ms) passed before the prediction could start (the request queued"
                        + " behind others, or its body arrived slowly). Retry later.");
    }
}
