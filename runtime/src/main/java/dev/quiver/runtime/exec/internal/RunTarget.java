package dev.quiver.runtime.exec.internal;

import dev.quiver.runtime.bundle.RunHistory;
import dev.quiver.runtime.exec.RunListener;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.pipeline.Pipeline;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one run is saved. By default a new run folder in the pipeline's {@code output.dir}, which is a
 * {@link RunHistory} (locked for the whole run; its checkpoints in the history's {@code .checkpoints}, so
 * {@code --resume} finds them whatever id the interrupted run had); with {@code --out DIR}
 * ({@link RunOptions#outputDir()}) exactly {@code DIR}, replaced as before, its checkpoints in
 * {@code DIR.checkpoints}. Opened once per run (a tuning search opens it before its trials, and its best run is
 * saved into it); confined to the run's thread.
 */
public final class RunTarget implements AutoCloseable {

    /** How many runs {@code output.keep} keeps when it is absent. */
    public static final int DEFAULT_KEEP = 20;

    private final Path output;
    private final Path checkpoints;
    private final Optional<RunHistory> history;
    private final Optional<String> id;
    private final Instant started;
    private final DataHashes dataHashes;

    private RunTarget(
            Path output,
            Path checkpoints,
            Optional<RunHistory> history,
            Optional<String> id,
            Instant started,
            DataHashes dataHashes) {
        this.output = output;
        this.checkpoints = checkpoints;
        this.history = history;
        this.id = id;
        this.started = started;
        this.dataHashes = dataHashes;
    }

    /** Opens the target of a run of {@code pipeline} with {@code options}, starting now. */
    public static RunTarget open(Pipeline pipeline, RunOptions options) {
        Instant now = Instant.now();
        if (options.outputDir().isPresent()) {
            Path exact = options.outputDir().get().toAbsolutePath().normalize();
            return new RunTarget(
                    exact,
                    DirectoryCheckpoints.folderFor(exact),
                    Optional.empty(),
                    Optional.empty(),
                    now,
                    DataHashes.start(pipeline));
        }
        RunHistory history = RunHistory.open(pipeline.output().dir(), options.listener()::warn);
        String id = history.nextId(now);
        return new RunTarget(
                history.dir().resolve(id),
                history.checkpoints(),
                Optional.of(history),
                Optional.of(id),
                now,
                DataHashes.start(pipeline));
    }

    /** The run folder to build (absent until the commit). */
    public Path output() {
        return output;
    }

    /** The folder of this run's checkpoints. */
    public Path checkpoints() {
        return checkpoints;
    }

    /** The run's id in its history; empty with {@code --out}. */
    public Optional<String> id() {
        return id;
    }

    /** When the run started. */
    public Instant started() {
        return started;
    }

    /** The data files the source names with their sizes and SHA-256 (see {@link RunFacts}), waiting for them. */
    List<Map<String, Object>> dataFiles() {
        return dataHashes.join();
    }

    /**
     * After the commit: points the history's {@code LATEST} at this run and prunes beyond {@code output.keep}.
     * Best effort, since the run is saved: a failure is a warning, and the next run tries again.
     */
    void committed(Map<String, Object> document, RunListener listener) {
        if (history.isEmpty()) {
            return;
        }
        try {
            history.get().markLatest(id.orElseThrow());
            List<String> pruned = history.get().prune(keep(document));
            if (!pruned.isEmpty()) {
                listener.note("Pruned " + pruned.size() + " old run" + (pruned.size() == 1 ? "" : "s") + " of "
                        + history.get().dir() + " beyond output.keep: " + String.join(", ", pruned) + ".");
            }
        } catch (UncheckedIOException e) {
            listener.warn("The run is saved in " + output + ", but its history could not be updated (" + e.getMessage()
                    + "); the next run tries again.");
        }
    }

    /** {@code output.keep} of a resolved (validated) pipeline document. */
    static int keep(Map<String, Object> document) {
        if (document != null
                && document.get("output") instanceof Map<?, ?> output
                && output.get("keep") instanceof Number n) {
            return n.intValue();
        }
        return DEFAULT_KEEP;
    }

    @Override
    public void close() {
        dataHashes.cancel();
        history.ifPresent(RunHistory::close);
    }
}
