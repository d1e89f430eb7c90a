package dev.quiver.serve.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.runtime.bundle.FittedPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Micro-batching: JSON requests for the same model that arrive within {@code windowMillis} of the first one are
 * predicted as one Arrow batch of up to {@code maxRows} rows, and each caller gets exactly its own rows back. A
 * request is decoded on its own thread (so a malformed body is refused at once), then queued for its model's
 * batching thread ({@code quiver-batch-NAME}), which waits out the window, copies the queued batches into one,
 * predicts it and encodes each caller's slice. When the joined batch fails (a row the model cannot score), each
 * request is predicted alone, so every caller gets its own error with its own row numbers.
 *
 * <p>Arrow requests go to {@code direct}: a caller sending Arrow batches already, and its columns may differ from
 * another's. The queue per model holds {@code queue} requests, beyond which a request is answered 503.
 *
 * <p>Memory: each request's inputs stay in its own allocator until its batch is done; the joined batch and its
 * predictions live in a child {@code batch-NAME-N} of {@code allocator}, closed after each batch. Thread-safe.
 */
public final class MicroBatcher implements Predictor {

    private static final System.Logger LOG = System.getLogger(MicroBatcher.class.getName());

    private final DirectPredictor direct;
    private final ServeMetrics metrics;
    private final BufferAllocator allocator;
    private final long windowNanos;
    private final int maxRows;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public MicroBatcher(
            Map<String, FittedPipeline> models,
            DirectPredictor direct,
            ServeMetrics metrics,
            BufferAllocator allocator,
            long windowMillis,
            int maxRows,
            int queue) {
        this.direct = direct;
        this.metrics = metrics;
        this.allocator = allocator;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        this.maxRows = maxRows;
        models.keySet().forEach(name -> lanes.put(name, new Lane(name, queue)));
    }

    @Override
    public CompletableFuture<Answer> submit(PredictRequest request) {
        if (request.arrowIn()) {
            return direct.submit(request);
        }
        List<VectorSchemaRoot> inputs;
        try {
            inputs = PredictSteps.decode(request);
        } catch (RuntimeException e) {
            request.close();
            throw e;
        }
        Pending pending = new Pending(request, inputs, new CompletableFuture<>());
        if (stopping || !lanes.get(request.name()).queue.offer(pending)) {
            pending.close();
            throw new ApiError(503, "busy", "The server is busy: the batching queue is full (--queue). Retry later.");
        }
        return pending.answer;
    }

    @Override
    public boolean stop(long millis) throws InterruptedException {
        stopping = true;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean all = true;
        for (Lane lane : lanes.values()) {
            lane.thread.interrupt(); // it finishes the requests it holds, then ends
            lane.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            all &= !lane.thread.isAlive();
        }
        return direct.stop(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))) && all;
    }

    /** One request's decoded rows and its caller's future; owns the request (and so its allocator). */
    private record Pending(PredictRequest request, List<VectorSchemaRoot> inputs, CompletableFuture<Answer> answer)
            implements AutoCloseable {

        int rows() {
            return inputs.stream().mapToInt(VectorSchemaRoot::getRowCount).sum();
        }

        @Override
        public void close() {
            inputs.forEach(VectorSchemaRoot::close);
            request.close();
        }
    }

    /** The queue and batching thread of one model. */
    private final class Lane {
        final String name;
        final LinkedBlockingQueue<Pending> queue;
        final Thread thread;
        long batches;

        Lane(String name, int capacity) {
            this.name = name;
            this.queue = new LinkedBlockingQueue<>(capacity);
            this.thread = new Thread(this::loop, "quiver-batch-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            Pending carried = null;
            while (true) {
                List<Pending> batch = new ArrayList<>();
                try {
                    Pending first = carried != null ? carried : queue.take();
                    carried = null;
                    batch.add(first);
                    int rows = first.rows();
                    long end = System.nanoTime() + windowNanos;
                    while (rows < maxRows) {
                        Pending next = queue.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        if (rows + next.rows() > maxRows) {
                            carried = next; // starts the next batch, so no batch passes maxRows unless one request does
                            break;
                        }
                        batch.add(next);
                        rows += next.rows();
                    }
                } catch (InterruptedException e) {
                    // stop(): answer what was taken and what is still queued, then end
                    if (carried != null) {
                        batch.add(carried);
                    }
                    queue.drainTo(batch);
                    batch.forEach(this::alone);
                    return;
                }
                run(batch);
            }
        }

        private void run(List<Pending> batch) {
            List<Pending> live = new ArrayList<>();
            for (Pending p : batch) {
                if (p.answer.isDone()) { // its caller's deadline passed while it waited
                    p.close();
                } else {
                    live.add(p);
                }
            }
            if (!live.isEmpty()) {
                metrics.batched(name, live.size());
            }
            if (live.size() == 1) {
                alone(live.get(0));
            } else if (!live.isEmpty()) {
                together(live);
            }
        }

        private void alone(Pending p) {
            Answer answer;
            try (p) {
                answer = PredictSteps.predict(p.request, p.inputs);
            } catch (RuntimeException | Error e) {
                p.answer.completeExceptionally(e);
                return;
            }
            p.answer.complete(answer);
        }

        private void together(List<Pending> batch) {
            List<Answer> answers = new ArrayList<>();
            String child = "batch-" + name + "-" + (++batches);
            try (BufferAllocator memory = allocator.newChildAllocator(child, 0, allocator.getLimit())) {
                FittedPipeline model = batch.get(0).request.model();
                List<VectorSchemaRoot> parts = new ArrayList<>();
                batch.forEach(p -> parts.addAll(p.inputs));
                try (VectorSchemaRoot joined = Batches.concat(parts, memory);
                        VectorSchemaRoot predicted = model.predict(joined, memory)) {
                    int from = 0;
                    for (Pending p : batch) {
                        int rows = p.rows();
                        try (VectorSchemaRoot mine = predicted.slice(from, rows)) {
                            answers.add(
                                    PredictSteps.encode(p.request.name(), List.of(mine), p.request.arrowOut(), memory));
                        }
                        from += rows;
                    }
                }
            } catch (QuiverException e) {
                // a bad row in one request: each is predicted alone so that each gets its own answer or error
                batch.forEach(this::alone);
                return;
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "batch " + child + " failed", e);
                batch.forEach(p -> {
                    p.close();
                    p.answer.completeExceptionally(e);
                });
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).close();
                batch.get(i).answer.complete(answers.get(i));
            }
        }
    }
}
