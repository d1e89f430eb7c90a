package dev.quiver.runtime.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Quiver's OpenTelemetry instruments, over an injected {@link OpenTelemetry} (the API only: the embedding
 * application, or the CLI, chooses the SDK and exporters; with {@link OpenTelemetry#noop()} everything here
 * costs next to nothing).
 *
 * <ul>
 *   <li>spans {@value #RUN_SPAN} (one per run) and {@value #STAGE_SPAN_PREFIX}{@code <stage>} (one per stage,
 *       children of the run span), with attribute {@code quiver.pipeline};
 *   <li>counters {@value #ROWS} and {@value #BATCHES}, with attribute {@code quiver.stage};
 *   <li>gauge {@value #EPOCH_LOSS}, with attributes {@code quiver.pipeline} and {@code quiver.split}
 *       ({@code train} or {@code validation}).
 * </ul>
 *
 * <p>Thread-safe; create one per runtime and share it.
 */
public final class RunTelemetry {

    public static final String SCOPE = "dev.quiver.runtime";
    public static final String RUN_SPAN = "quiver.run";
    public static final String STAGE_SPAN_PREFIX = "quiver.stage.";
    public static final String ROWS = "quiver.rows";
    public static final String BATCHES = "quiver.batches";
    public static final String EPOCH_LOSS = "quiver.epoch.loss";

    public static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("quiver.pipeline");
    public static final AttributeKey<String> STAGE = AttributeKey.stringKey("quiver.stage");
    public static final AttributeKey<String> SPLIT = AttributeKey.stringKey("quiver.split");
    public static final AttributeKey<Long> EPOCH = AttributeKey.longKey("quiver.epoch");

    private final Tracer tracer;
    private final LongCounter rows;
    private final LongCounter batches;
    private final DoubleGauge epochLoss;

    public RunTelemetry(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        Meter meter = openTelemetry.getMeter(SCOPE);
        this.rows = meter.counterBuilder(ROWS)
                .setUnit("{row}")
                .setDescription("Rows read or written by a pipeline stage")
                .build();
        this.batches = meter.counterBuilder(BATCHES)
                .setUnit("{batch}")
                .setDescription("Arrow batches read or written by a pipeline stage")
                .build();
        this.epochLoss = meter.gaugeBuilder(EPOCH_LOSS)
                .setUnit("1")
                .setDescription("Mean loss of the last finished epoch")
                .build();
    }

    /** A telemetry that records nothing. */
    public static RunTelemetry noop() {
        return new RunTelemetry(OpenTelemetry.noop());
    }

    /** Starts the span of a run; the caller ends it (try-with-resources on the returned scope). */
    public Trace startRun(String pipeline) {
        Span span =
                tracer.spanBuilder(RUN_SPAN).setAttribute(PIPELINE, pipeline).startSpan();
        return new Trace(span, pipeline);
    }

    /** Counts one batch of {@code rowCount} rows seen by {@code stage}. */
    public void batch(String stage, long rowCount) {
        Attributes attributes = Attributes.of(STAGE, stage);
        rows.add(rowCount, attributes);
        batches.add(1, attributes);
    }

    /** Records the loss of a finished epoch. */
    public void epochLoss(String pipeline, String split, double loss) {
        if (Double.isFinite(loss)) {
            epochLoss.set(loss, Attributes.of(PIPELINE, pipeline, SPLIT, split));
        }
    }

    /**
     * An open span: the run's, or a stage's. Ending it with {@link #close()} after {@link #fail} records the
     * error status. Confined to the thread that started it.
     */
    public final class Trace implements AutoCloseable {

        private final Span span;
        private final String pipeline;
        private final Scope scope;

        @SuppressWarnings("MustBeClosedChecker") // the scope is this Trace's to close, in close()
        private Trace(Span span, String pipeline) {
            this.span = span;
            this.pipeline = pipeline;
            this.scope = span.makeCurrent();
        }

        /** Starts the span of one stage, a child of this one. */
        public Trace stage(String name) {
            Span child = tracer.spanBuilder(STAGE_SPAN_PREFIX + name)
                    .setParent(Context.current().with(span))
                    .setAttribute(PIPELINE, pipeline)
                    .setAttribute(STAGE, name)
                    .startSpan();
            return new Trace(child, pipeline);
        }

        /** Marks the span as failed with {@code error}. */
        public void fail(Throwable error) {
            span.recordException(error);
            span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        }

        public Span span() {
            return span;
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
