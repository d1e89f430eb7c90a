package dev.quiver.serve;

import com.sun.net.httpserver.HttpServer;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.serve.internal.Admission;
import dev.quiver.serve.internal.Routes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * An HTTP prediction service over one or more fitted pipelines, started with {@link #builder()}:
 * {@code GET /health}, {@code GET /ready}, {@code GET /v1/models}, {@code GET /v1/models/NAME} and
 * {@code POST /v1/models/NAME/predict} (JSON rows or columns, or an Arrow IPC stream, in and out).
 *
 * <p>Bounded: {@code threads} request threads, a queue of {@code queue} requests waiting for one (beyond it a
 * request is answered 503 at once), a body limit ({@code maxBodyBytes}, 413 past it). {@link #close} drains:
 * {@code /ready} turns 503 and new requests are refused with 503, every accepted request is answered (up to
 * {@code drainMillis}), then the port is released.
 *
 * <p>The host owns {@code allocator} and closes it after this server; each request takes a child of it named
 * {@code request-N}, closed when the request is answered. Thread-safe; {@link #close} may be called from any
 * thread (a shutdown hook) and more than once.
 */
public final class ModelServer implements AutoCloseable {

    private final HttpServer server;
    private final Admission admission;
    private final long drainMillis;
    private boolean closed;

    private ModelServer(HttpServer server, Admission admission, long drainMillis) {
        this.server = server;
        this.admission = admission;
        this.drainMillis = drainMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the one chosen by the system when the builder was given 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The host it listens on. */
    public String host() {
        return server.getAddress().getHostString();
    }

    /**
     * Drains and stops: refuses new requests (503), waits until every accepted one is answered or
     * {@code drainMillis} passed, then closes the port and the request threads.
     *
     * @return true when every accepted request was answered in time
     */
    public synchronized boolean drainAndStop() {
        if (closed) {
            return true;
        }
        closed = true;
        admission.drain();
        boolean idle;
        try {
            idle = admission.awaitIdle(drainMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        server.stop(0);
        admission.shutdown();
        return idle;
    }

    @Override
    public void close() {
        drainAndStop();
    }

    /** Settings for a {@link ModelServer}; not thread-safe, used by one thread to build one server. */
    public static final class Builder {
        private final Map<String, FittedPipeline> models = new LinkedHashMap<>();
        private String host = "127.0.0.1";
        private int port = 8080;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int queue = 256;
        private long maxBodyBytes = 16L << 20;
        private long drainMillis = 30_000;
        private BufferAllocator allocator;

        private Builder() {}

        /** Serves {@code pipeline} as {@code /v1/models/NAME}. */
        public Builder model(String name, FittedPipeline pipeline) {
            if (name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("A model name must be non-empty and hold no '/': '" + name + "'");
            }
            if (models.putIfAbsent(name, pipeline) != null) {
                throw new IllegalArgumentException("Two models are named '" + name + "'");
            }
            return this;
        }

        /** The address to listen on; default 127.0.0.1 (use 0.0.0.0 to listen on every interface). */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /** The port; 0 lets the system choose a free one ({@link ModelServer#port()}). Default 8080. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** Request threads; default the core count. */
        public Builder threads(int value) {
            threads = positive(value, "threads");
            return this;
        }

        /** Requests that may wait for a thread; more are answered 503. Default 256. */
        public Builder queue(int value) {
            queue = positive(value, "queue");
            return this;
        }

        /** The largest request body; larger is 413. Default 16 MiB. */
        public Builder maxBodyBytes(long value) {
            maxBodyBytes = positive(value, "maxBodyBytes");
            return this;
        }

        /** How long {@link ModelServer#close} waits for accepted requests; default 30 s. */
        public Builder drainMillis(long value) {
            drainMillis = value;
            return this;
        }

        /** The allocator requests allocate from (a child each); required. The host closes it. */
        public Builder allocator(BufferAllocator value) {
            allocator = value;
            return this;
        }

        /** Binds the port and starts answering; the caller closes the returned server. */
        public ModelServer start() {
            if (models.isEmpty()) {
                throw new IllegalStateException("No model to serve: add one with model(name, pipeline)");
            }
            if (allocator == null) {
                throw new IllegalStateException("No allocator: the host passes one with allocator(...)");
            }
            Admission admission = new Admission(threads, queue);
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(host, port), 128);
            } catch (IOException e) {
                admission.shutdown();
                throw new UncheckedIOException("Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            server.createContext("/", new Routes(models, allocator, maxBodyBytes, admission));
            server.setExecutor(admission);
            server.start();
            return new ModelServer(server, admission, drainMillis);
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
            return value;
        }

        private static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
            return value;
        }
    }
}
