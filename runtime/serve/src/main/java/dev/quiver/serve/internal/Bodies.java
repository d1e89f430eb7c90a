package dev.quiver.serve.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body with a size limit (413 past it). Stateless; any thread. */
public final class Bodies {

    private Bodies() {}

    public static byte[] read(HttpExchange exchange, long maxBytes) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "Content-Length '" + length + "' is not a number.");
            }
            if (declared > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (out.size() + (long) n > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static ApiError tooLarge(long maxBytes) {
        return new ApiError(413, "The body is larger than the limit of " + maxBytes + " bytes (--max-body).");
    }
}
