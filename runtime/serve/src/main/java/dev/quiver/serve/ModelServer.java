package dev.quiver.serve;

import com.sun.net.httpserver.HttpServer;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.serve.internal.Admission;
import dev.quiver.serve.internal.DirectPredictor;
import dev.quiver.serve.internal.MicroBatcher;
import dev.quiver.serve.internal.Predictor;
import dev.quiver.serve.internal.Routes;
import dev.quiver.serve.internal.ServeMetrics;
import dev.quiver.serve.internal.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * An HTTP prediction service over one or more fitted pipelines, started with {@link #builder()}:
 * {@code GET /health}, {@code GET /ready}, {@code GET /metrics} (Prometheus), {@code GET /v1/models},
 * {@code GET /v1/models/NAME} and {@code POST /v1/models/NAME/predict} (JSON rows or columns, or an Arrow IPC
 * stream, in and out), optionally micro-batching concurrent JSON requests.
 *
 * <p>Bounded: {@code threads} request threads, a queue of {@code queue} requests waiting for one (beyond it a
 * request is answered 503 at once, with {@code Retry-After}), a body limit ({@code maxBodyBytes}, 413 past it),
 * a deadline per request ({@code requestTimeoutMillis}, 504 past it); a refused request is answered by a refusal
 * thread of its own ({@code quiver-refuse-N}), never by the thread that accepts connections, so a client that
 * stalls mid-request delays no other's 503. {@code /health} and {@code /ready} queue like every request.
 * Predictions run on {@code threads}
 * threads of their own ({@code quiver-predict-N}, or a {@code quiver-batch-NAME} thread per model when
 * batching), so a request thread stops waiting at its deadline. {@link #close} drains:
 * {@code /ready} turns 503 and new requests are refused with 503, every accepted request is answered (up to
 * {@code drainMillis}), then the port is released.
 *
 * <p>The host owns {@code allocator} and closes it after this server; each request takes a child of it named
 * {@code request-N}, closed when the request is answered. Thread-safe; {@link #close} may be called from any
 * thread (a shutdown hook) and more than once.
 */
public final class ModelServer implements AutoCloseable {

    /**
     * The JDK server's switch for {@code TCP_NODELAY} on accepted connections, off by default. With Nagle's
     * algorithm on, a keep-alive client's next small request waits for the delayed ACK of the last response
     * (about 40 ms on Linux): in bench/serve.sh's run of 2026-12-04, 1-row predictions over 16 connections went
     * from 260 to 741 requests/s with it set (docs/benchmarks.md). The JDK reads it once, when the first
     * {@code HttpServer} of the process starts.
     */
    public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    /** How long no request may arrive before a draining server closes its port (see {@link #drainAndStop}). */
    private static final long QUIET_MILLIS = 250;

    private final HttpServer server;
    private final Admission admission;
    private final Predictor predictor;
    private final ServeMetrics metrics;
    private final long drainMillis;
    private boolean closed;

    private ModelServer(
            HttpServer server, Admission admission, Predictor predictor, ServeMetrics metrics, long drainMillis) {
        this.server = server;
        this.admission = admission;
        this.predictor = predictor;
        this.metrics = metrics;
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
     * Drains and stops: refuses new requests (503 with {@code Connection: close}), waits until every accepted one
     * is answered or {@code drainMillis} passed, then until no request has arrived for 250 ms (a client that got
     * its 503 stops sending, so no connection is on its way in), then closes the port (new connections are
     * refused) and the threads. The JDK's {@code stop(delay)} would close the port first (on 17.0.15 it returns
     * once its exchanges end), but it cuts off answers still being written when the delay, in whole seconds,
     * passes, and its early return was not checked on earlier 17 updates: so the drain rests on this server's own
     * count of accepted requests, and {@code stop(0)} comes after it.
     *
     * @return true when every accepted request was answered in time
     */
    public synchronized boolean drainAndStop() {
        if (closed) {
            return true;
        }
        closed = true;
        admission.drain();
        long end = System.nanoTime() + drainMillis * 1_000_000;
        boolean idle;
        try {
            idle = admission.awaitIdle(drainMillis);
            // predictions whose callers timed out may still run: they end before the host closes the allocator
            idle &= predictor.stop(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            admission.awaitQuiet(QUIET_MILLIS, end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        server.stop(0);
        admission.shutdown();
        metrics.close();
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
        private long requestTimeoutMillis = 30_000;
        private long batchWindowMillis;
        private int maxBatchRows = 1024;
        private BufferAllocator allocator;
        private OpenTelemetry openTelemetry = OpenTelemetry.noop();

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

        /**
         * How long a prediction may take, counted from the moment the request was queued: past it the caller gets
         * 504 (or 503 if no thread took the request in time). Default 30 s.
         */
        public Builder requestTimeoutMillis(long value) {
            requestTimeoutMillis = positive(value, "requestTimeoutMillis");
            return this;
        }

        /**
         * Micro-batching: JSON requests for one model arriving within {@code millis} of each other are predicted as
         * one batch of up to {@link #maxBatchRows} rows (each caller gets its rows). 0, the default, turns it off.
         */
        public Builder batchWindowMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("batchWindowMillis must be 0 (off) or positive, not " + millis);
            }
            batchWindowMillis = millis;
            return this;
        }

        /** The most rows one micro-batch joins (a larger request is predicted alone); default 1024. */
        public Builder maxBatchRows(int value) {
            maxBatchRows = positive(value, "maxBatchRows");
            return this;
        }

        /** Where request spans go; default a no-op. Metrics are kept apart, for {@code GET /metrics}. */
        public Builder openTelemetry(OpenTelemetry value) {
            openTelemetry = java.util.Objects.requireNonNull(value, "openTelemetry");
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
            disableNagle();
            Admission admission = new Admission(threads, queue);
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(host, port), 128);
            } catch (IOException e) {
                admission.shutdown();
                throw new UncheckedIOException("Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            DirectPredictor direct = new DirectPredictor(threads, threads + queue);
            ServeMetrics metrics = new ServeMetrics();
            Predictor predictor = batchWindowMillis == 0
                    ? direct
                    : new MicroBatcher(models, direct, metrics, allocator, batchWindowMillis, maxBatchRows, queue);
            server.createContext(
                    "/",
                    new Routes(
                            models,
                            allocator,
                            maxBodyBytes,
                            requestTimeoutMillis,
                            admission,
                            predictor,
                            metrics,
                            new Telemetry(openTelemetry)));
            server.setExecutor(admission);
            server.start();
            return new ModelServer(server, admission, predictor, metrics, drainMillis);
        }

        /**
         * Turns Nagle's algorithm off for this process's JDK HTTP servers unless the host chose
         * ({@link #NODELAY_PROPERTY} set, to either value). It has no effect when a JDK {@code HttpServer} already
         * started in this process: set the property at the host's start then.
         */
        private static void disableNagle() {
            synchronized (System.getProperties()) {
                if (System.getProperty(NODELAY_PROPERTY) == null) {
                    System.setProperty(NODELAY_PROPERTY, "true");
                }
            }
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
