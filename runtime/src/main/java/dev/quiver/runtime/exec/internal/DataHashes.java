package dev.quiver.runtime.exec.internal;

import dev.quiver.runtime.pipeline.Pipeline;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The SHA-256 of a run's data files ({@link RunFacts#data}), computed on a daemon thread from the moment the run
 * starts: hashing a large CSV took a few tenths of a second at the end of every run, on the run's own thread,
 * after training; now it overlaps reading and training and the run's end only collects it. Hashing at the start
 * also records the data as the run read it. Started and joined by the run's thread; {@link #cancel} from any.
 */
final class DataHashes {

    private final CompletableFuture<List<Map<String, Object>>> result = new CompletableFuture<>();
    private final Thread thread;

    private DataHashes(Pipeline pipeline) {
        thread = new Thread(
                () -> {
                    try {
                        result.complete(RunFacts.data(pipeline));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                },
                "quiver-hash-data");
        thread.setDaemon(true); // never keeps a finished or failed process alive
    }

    static DataHashes start(Pipeline pipeline) {
        DataHashes hashes = new DataHashes(pipeline);
        hashes.thread.start();
        return hashes;
    }

    /** The files, waiting for the hashing to end; its failure is rethrown as it was thrown. */
    List<Map<String, Object>> join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Stops hashing a run that ends without needing it (an interrupt closes the file channel being read). */
    void cancel() {
        if (!result.isDone()) {
            thread.interrupt();
        }
    }
}
