package dev.quiver.serve.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Writes JSON answers and JSON errors on an exchange; stateless, any thread. */
public final class Responses {

    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {}

    /** Sends {@code body} as JSON with {@code status} and closes the exchange. */
    public static void json(HttpExchange exchange, int status, Object body) throws IOException {
        bytes(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    /** Sends {@code body} with {@code status} and content type, and closes the exchange. */
    public static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code {"error": {"status", "message", "column"?, "row"?}}}, never a stack trace. */
    public static void error(HttpExchange exchange, ApiError e) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("status", e.status());
        error.put("message", e.getMessage());
        if (e.column() != null) {
            error.put("column", e.column());
        }
        if (e.row() >= 0) {
            error.put("row", e.row());
        }
        json(exchange, e.status(), body);
    }
}
