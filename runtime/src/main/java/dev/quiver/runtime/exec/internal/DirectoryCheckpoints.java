package dev.quiver.runtime.exec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.runtime.bundle.AtomicDirectory;
import dev.quiver.runtime.bundle.JsonStateReader;
import dev.quiver.runtime.bundle.JsonStateWriter;
import dev.quiver.runtime.exec.RunListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checkpoints in a folder outside the run folder, because that is only renamed into place when the run succeeds:
 * beside an exact output ({@code <output>.checkpoints/checkpoint.json}), or in a run history's
 * {@code .checkpoints}, where {@code --resume} finds the interrupted run's whatever its id was. Only the newest checkpoint is
 * kept: it is written to a temporary file, flushed to disk, then renamed over the previous one, so a kill at
 * any instant leaves one complete checkpoint.
 *
 * <p>A checkpoint records a fingerprint of the resolved pipeline; resuming with a different pipeline is a
 * configuration error rather than a silent mix. It also carries the history so far, so a resumed run's
 * history.csv is whole. Used from the training thread.
 */
public final class DirectoryCheckpoints implements Checkpoints {

    static final String FILE = "checkpoint.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final int every;
    private final String fingerprint;
    private final History history;
    private final Optional<JsonNode> resumed;

    private DirectoryCheckpoints(
            Path folder, int every, String fingerprint, History history, Optional<JsonNode> resumed) {
        this.folder = folder;
        this.every = every;
        this.fingerprint = fingerprint;
        this.history = history;
        this.resumed = resumed;
    }

    /** The checkpoint folder of a run whose output goes to {@code output}. */
    public static Path folderFor(Path output) {
        Path absolute = output.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".checkpoints");
    }

    /**
     * Opens the checkpoints of a run in {@code folder} ({@link #folderFor} an exact output, or a history's
     * {@code .checkpoints}). When {@code resume}, the newest checkpoint (if any) is loaded and its
     * history restored into {@code history}; otherwise old checkpoints are discarded.
     */
    public static DirectoryCheckpoints open(
            Path folder, int every, String fingerprint, boolean resume, History history) {
        Path file = folder.resolve(FILE);
        try {
            if (!resume) {
                deleteCheckpointFolder(folder);
                return new DirectoryCheckpoints(folder, every, fingerprint, history, Optional.empty());
            }
            if (!Files.isRegularFile(file)) {
                return new DirectoryCheckpoints(folder, every, fingerprint, history, Optional.empty());
            }
            JsonNode json = JSON.readTree(file.toFile());
            if (!fingerprint.equals(json.path("fingerprint").asText())) {
                throw new QuiverException(
                        ErrorCode.CONFIG,
                        "The checkpoint in " + folder + " was written by a "
                                + "different pipeline (the file, a --set value or a variable changed), so the run cannot "
                                + "resume from it. Run without --resume to start over.");
            }
            for (JsonNode e : json.path("history")) {
                Map<String, Double> metrics = new HashMap<>();
                e.path("metrics")
                        .properties()
                        .forEach(m -> metrics.put(m.getKey(), m.getValue().asDouble()));
                history.add(new EpochStats(
                        e.path("epoch").asInt(),
                        number(e, "trainLoss"),
                        number(e, "validationLoss"),
                        metrics,
                        e.path("rows").asLong(),
                        number(e, "seconds"),
                        number(e, "learningRate")));
            }
            return new DirectoryCheckpoints(folder, every, fingerprint, history, Optional.of(json));
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, "Cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** The epoch of the checkpoint resumed from, 0 on a fresh run. */
    public int resumedEpoch() {
        return resumed.map(j -> j.path("epoch").asInt()).orElse(0);
    }

    @Override
    public int every() {
        return every;
    }

    @Override
    public void save(int epoch, Consumer<StateWriter> writer) {
        JsonStateWriter state = JsonStateWriter.create();
        writer.accept(state);
        ObjectNode json = JSON.createObjectNode();
        json.put("format", 1).put("fingerprint", fingerprint).put("epoch", epoch);
        ArrayNode epochs = json.putArray("history");
        for (EpochStats e : history.epochs()) {
            if (e.epoch() <= epoch) {
                ObjectNode row = epochs.addObject().put("epoch", e.epoch()).put("rows", e.rows());
                put(row, "trainLoss", e.trainLoss());
                put(row, "validationLoss", e.validationLoss());
                put(row, "seconds", e.seconds());
                put(row, "learningRate", e.learningRate());
                ObjectNode metrics = row.putObject("metrics");
                e.metrics().forEach((k, v) -> put(metrics, k, v));
            }
        }
        json.set("state", state.json());
        try {
            // Not createDirectories: the parent exists for the run's whole life (a trial's is its search's scratch
            // folder), and once a SIGTERM's hooks have deleted it, recreating it here would leave it behind.
            if (!Files.isDirectory(folder)) {
                try {
                    Files.createDirectory(folder);
                } catch (FileAlreadyExistsException raced) {
                    // another writer made it first
                }
            }
            // Not Files.createTempFile, whose owner-only permissions would stay on checkpoint.json; umask instead.
            Path temp = folder.resolve(FILE + "." + java.util.UUID.randomUUID() + ".tmp");
            Files.createFile(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                JSON.writeValue(new NonClosing(out), json);
                channel.force(true);
            }
            Files.move(temp, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + folder, e);
        }
    }

    @Override
    public Optional<StateReader> latest() {
        return resumed.map(j -> JsonStateReader.of(j.get("state")));
    }

    /** Deletes the checkpoints once the run they belong to has been saved. */
    /**
     * The run is saved: its checkpoints are no longer needed. Best effort, since failing to delete them must not
     * turn a finished run into a failed one (a warning says so); a later run without --resume clears them anyway.
     */
    void discardAfterCommit(RunListener listener) {
        try {
            discard();
        } catch (UncheckedIOException e) {
            listener.warn("The run is saved, but its checkpoints could not be deleted ("
                    + e.getCause().getMessage() + "); delete " + folder + " by hand if it is still there.");
        }
    }

    public void discard() {
        try {
            deleteCheckpointFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes {@code folder} if it holds checkpoints only ({@code checkpoint.json} and its temporary files): the
     * name {@code <output>.checkpoints} could also be a folder of the user's, which is never deleted.
     *
     * @throws QuiverException {@link ErrorCode#USAGE} when it holds anything else
     */
    static void deleteCheckpointFolder(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean ours = Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (ours) {
            try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
                ours = entries.allMatch(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && (p.getFileName().toString().equals(FILE)
                                || (p.getFileName().toString().startsWith(FILE)
                                        && p.toString().endsWith(".tmp"))));
            }
        }
        if (!ours) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "The checkpoint folder " + folder + " holds something other "
                            + "than Quiver checkpoints, so it will not be deleted; move it or choose another output.dir or "
                            + "--out.");
        }
        AtomicDirectory.deleteRecursively(folder);
    }

    private static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.put(key, Double.toString(value));
        }
    }

    private static double number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return Double.NaN;
        }
        return v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText());
    }

    /** Jackson closes the stream it writes to; the channel must stay open until it is forced to disk. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The fingerprint a checkpoint records: the SHA-256 of the resolved pipeline {@code document} as JSON. */
    static String fingerprint(Map<String, Object> document) {
        try {
            byte[] json = new ObjectMapper().writeValueAsBytes(document);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
