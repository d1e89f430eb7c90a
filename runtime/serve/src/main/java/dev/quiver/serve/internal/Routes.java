package dev.quiver.serve.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.InvalidRowException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Every endpoint: {@code GET /health}, {@code GET /ready}, {@code GET /v1/models[/NAME]} and
 * {@code POST /v1/models/NAME/predict}. Each request gets a child allocator of its own, closed when it is
 * answered. A user mistake is a JSON error with its status; anything else is a 500 without a stack trace (the
 * trace goes to the log). Immutable after construction; the server's threads call {@link #handle} concurrently.
 */
public final class Routes implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(Routes.class.getName());

    private final Map<String, FittedPipeline> models;
    private final BufferAllocator allocator;
    private final long maxBodyBytes;
    private final Admission admission;
    private final AtomicLong requests = new AtomicLong();

    public Routes(
            Map<String, FittedPipeline> models, BufferAllocator allocator, long maxBodyBytes, Admission admission) {
        this.models = Map.copyOf(models);
        this.allocator = allocator;
        this.maxBodyBytes = maxBodyBytes;
        this.admission = admission;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (Admission.refused()) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.getResponseHeaders().set("Connection", "close");
                String why = admission.draining()
                        ? "The server is shutting down."
                        : "The server is busy: every "
                                + "thread is working and the queue is full (--threads, --queue).";
                Responses.error(exchange, new ApiError(503, why + " Retry later."));
                return;
            }
            try {
                route(exchange);
            } catch (ApiError e) {
                Responses.error(exchange, e);
            } catch (InvalidRowException e) {
                Responses.error(
                        exchange,
                        new ApiError(
                                400,
                                "row " + e.row() + " column '" + e.column() + "': " + e.reason() + ".",
                                e.column(),
                                e.row()));
            } catch (QuiverException e) {
                Responses.error(exchange, new ApiError(400, e.getMessage()));
            } catch (IOException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "request " + exchange.getRequestURI() + " failed", e);
                Responses.error(
                        exchange,
                        new ApiError(
                                500,
                                "Internal error: " + e.getClass().getSimpleName()
                                        + " (the server log has the details)."));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/health")) {
            requireMethod(method, "GET");
            Responses.json(exchange, 200, Map.of("status", "ok"));
        } else if (path.equals("/ready")) {
            requireMethod(method, "GET");
            boolean ready = !admission.draining();
            Responses.json(exchange, ready ? 200 : 503, Map.of("status", ready ? "ready" : "draining"));
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
                predict(exchange, name, model);
            } else {
                requireMethod(method, "GET");
                Responses.json(exchange, 200, describe(name, model));
            }
        } else {
            throw new ApiError(
                    404, "No endpoint " + path + "; see /health, /ready, /v1/models, " + "/v1/models/NAME/predict.");
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

    private void predict(HttpExchange exchange, String name, FittedPipeline model) throws IOException {
        byte[] body = Bodies.read(exchange, maxBodyBytes);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean arrowIn = type != null && type.startsWith(ArrowBodies.MEDIA_TYPE);
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        // curl sends Accept: */*, so only an explicit JSON or Arrow Accept overrides answering in the request's format.
        boolean arrowOut = (accept != null && accept.startsWith(ArrowBodies.MEDIA_TYPE))
                || (arrowIn && (accept == null || !accept.startsWith("application/json")));
        try (BufferAllocator request =
                allocator.newChildAllocator("request-" + requests.incrementAndGet(), 0, allocator.getLimit())) {
            List<VectorSchemaRoot> inputs =
                    arrowIn ? ArrowBodies.read(body, request) : List.of(json(body, model, request));
            List<VectorSchemaRoot> outputs = new ArrayList<>();
            try {
                for (VectorSchemaRoot input : inputs) {
                    outputs.add(model.predict(input, request));
                }
                if (arrowOut) {
                    Responses.bytes(exchange, 200, ArrowBodies.MEDIA_TYPE, ArrowBodies.write(outputs, request));
                } else {
                    Responses.json(exchange, 200, PredictionsJson.write(name, outputs));
                }
            } finally {
                outputs.forEach(VectorSchemaRoot::close);
                inputs.forEach(VectorSchemaRoot::close);
            }
        }
    }

    private static VectorSchemaRoot json(byte[] body, FittedPipeline model, BufferAllocator allocator) {
        JsonNode tree;
        try {
            tree = Responses.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(
                    400,
                    "The body is not valid JSON: line " + e.getLocation().getLineNr() + " column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(400, "The body is not valid JSON: " + e.getMessage());
        }
        return JsonBatch.read(tree, JsonBatch.featureFields(model.inputSchema(), model.features()), allocator);
    }
}
