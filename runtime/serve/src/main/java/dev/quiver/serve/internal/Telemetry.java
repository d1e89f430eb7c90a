package dev.quiver.serve.internal;

import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;

/**
 * One server span per request, through the host's {@link OpenTelemetry} (a no-op one unless the host passes its
 * SDK; the CLI's is configured by {@code OTEL_*}). A caller's {@code traceparent} header makes the span its child.
 * Attribute names follow OpenTelemetry's HTTP conventions. Immutable; any request thread.
 */
public final class Telemetry {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> MODEL = AttributeKey.stringKey("quiver.model");
    private static final AttributeKey<Long> ROWS = AttributeKey.longKey("quiver.rows");

    private static final TextMapGetter<HttpExchange> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpExchange carrier) {
            return carrier.getRequestHeaders().keySet();
        }

        @Override
        public String get(HttpExchange carrier, String key) {
            List<String> values =
                    carrier == null ? null : carrier.getRequestHeaders().get(key);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public Telemetry(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.quiver.serve");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Starts the span of {@code exchange}; the caller ends it. */
    public Request start(HttpExchange exchange, String route, String model) {
        Context parent = propagator.extract(Context.root(), exchange, HEADERS);
        Span span = tracer.spanBuilder(exchange.getRequestMethod() + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, exchange.getRequestMethod())
                .setAttribute(PATH, exchange.getRequestURI().getPath())
                .setAttribute(ROUTE, route)
                .startSpan();
        if (model != null) {
            span.setAttribute(MODEL, model);
        }
        return new Request(span);
    }

    /** The span of one request; used by its request thread only. */
    public static final class Request {
        private final Span span;

        private Request(Span span) {
            this.span = span;
        }

        /** The request was answered with {@code rows} predictions. */
        public void rows(long rows) {
            span.setAttribute(ROWS, rows);
        }

        /** Ends the span with the answer's status; a 5xx marks it an error. */
        public void end(int status, String errorType) {
            span.setAttribute(STATUS, (long) status);
            if (errorType != null) {
                span.setAttribute(ERROR, errorType);
            }
            if (status >= 500 || status < 0) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }
}
