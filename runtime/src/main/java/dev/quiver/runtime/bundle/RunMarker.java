package dev.quiver.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code quiver-run.json}, the marker that makes a folder a Quiver run: written last, at commit, it holds the
 * marker's format version, the Quiver version, and for every other file of the run its format version, size and
 * SHA-256. Only a folder whose marker says so is ever replaced by a new run ({@link #isRun}), and a run is loaded
 * only after every file was checked against it ({@link #verify}), so an edited, truncated or missing file is a
 * "damaged run" error rather than a wrong prediction.
 *
 * <pre>
 * {"format": 1, "quiver": "0.1.0",
 *  "files": {"model.json": {"format": 1, "size": 1234, "sha256": "..."}, ...}}
 * </pre>
 *
 * <p>Files whose own content cannot carry a version (JSON arrays, CSV, Arrow, HTML) get theirs here. Stateless and
 * thread-safe.
 */
public final class RunMarker {

    public static final String FILE = "quiver-run.json";
    /** The marker's own format; a reader refuses any other. */
    public static final int FORMAT = 1;
    /** The Quiver version recorded in new markers (as {@code quiver --version} prints it). */
    public static final String QUIVER_VERSION = "0.1.0";
    /** The format version of each bundle file this Quiver writes. */
    static final Map<String, Integer> FILE_FORMATS = Map.of(
            RunBundle.PIPELINE,
            1,
            RunBundle.SCHEMA,
            1,
            RunBundle.TRANSFORMS,
            1,
            RunBundle.MODEL,
            1,
            RunBundle.METRICS,
            1,
            RunBundle.HISTORY,
            1,
            RunBundle.PREDICTIONS,
            1,
            RunBundle.REPORT,
            1,
            RunBundle.RUN,
            1);
    /** What every run holds; a marker that lists fewer does not describe a run. */
    private static final Set<String> REQUIRED =
            Set.of(RunBundle.PIPELINE, RunBundle.SCHEMA, RunBundle.TRANSFORMS, RunBundle.MODEL);

    private RunMarker() {}

    /**
     * Writes the marker of the finished run in {@code dir}, listing every regular file in it except {@code ignored}
     * names, and forces each file and the marker to disk so that a crash after the commit's renames cannot leave
     * a marker that vouches for lost content.
     */
    public static void write(Path dir, Set<String> ignored) {
        ObjectNode marker = RunBundle.JSON.createObjectNode();
        marker.put("format", FORMAT).put("quiver", QUIVER_VERSION);
        ObjectNode files = marker.putObject("files");
        try {
            for (String name : names(dir)) {
                if (ignored.contains(name) || name.equals(FILE)) {
                    continue;
                }
                FileDigest digest = digest(dir.resolve(name), true);
                ObjectNode entry = files.putObject(name);
                entry.put("format", FILE_FORMATS.getOrDefault(name, 1))
                        .put("size", digest.size())
                        .put("sha256", digest.sha256());
            }
            Path file = dir.resolve(FILE);
            RunBundle.writeJson(file, marker);
            digest(file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run marker in " + dir, e);
        }
    }

    /**
     * Whether {@code dir} is a Quiver run that a new run may replace: a real folder (not a link) whose marker has a
     * known format, lists the files every run has, and accounts for every entry in the folder ({@code tolerated}
     * names aside). Sizes and checksums are not compared: a damaged run is still Quiver's own to replace, while a
     * folder holding anything the marker does not list is not (it may be the user's).
     */
    public static boolean isRun(Path dir, Set<String> tolerated) {
        return problem(dir, tolerated).isEmpty();
    }

    /** Why {@code dir} is not a replaceable run ({@link #isRun}), or empty when it is one. */
    static Optional<String> problem(Path dir, Set<String> tolerated) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("it is not a folder");
        }
        if (!Files.isRegularFile(dir.resolve(FILE), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("it has no " + FILE
                    + (Files.exists(dir.resolve(RunBundle.MODEL))
                            ? "; a run of an older Quiver is not replaced either, delete it yourself"
                            : ""));
        }
        try {
            JsonNode files = readMarker(dir).get("files");
            for (String name : names(dir)) {
                if (!name.equals(FILE) && !files.has(name) && !tolerated.contains(name)) {
                    return Optional.of("it holds " + name + ", which its " + FILE + " does not list");
                }
            }
            return Optional.empty();
        } catch (QuiverException | IOException e) {
            return Optional.of("its " + FILE + " is not a valid run marker");
        }
    }

    /**
     * Checks the run in {@code dir} against its marker: every listed file present with its size and SHA-256, in a
     * format this Quiver reads.
     *
     * @throws QuiverException {@link ErrorCode#DATA}, naming the file and what is wrong with it
     */
    public static void verify(Path dir) {
        verify(dir, true);
    }

    /**
     * What {@code quiver runs} and {@code compare} check, which read only small text files of many runs: every
     * listed file present, of a readable format and of the size the run wrote, without hashing (a run's
     * predictions.arrow can be large, and a history holds up to {@code output.keep} runs). Loading a model checks
     * the hashes too ({@link #verify(Path)}).
     *
     * @throws QuiverException {@link ErrorCode#DATA}, naming the file and what is wrong with it
     */
    public static void verifySizes(Path dir) {
        verify(dir, false);
    }

    private static void verify(Path dir, boolean hashes) {
        if (!Files.isDirectory(dir)) {
            throw new QuiverException(ErrorCode.DATA, "No run folder at " + dir + ".");
        }
        JsonNode files;
        try {
            files = readMarker(dir).get("files");
        } catch (IOException e) {
            throw damaged(dir, FILE, "cannot be read (" + e.getMessage() + ")");
        }
        Path base = dir.toAbsolutePath().normalize();
        // properties(), not fields(): the latter is deprecated in the Jackson 2.21 the spark profile builds with.
        for (Map.Entry<String, JsonNode> entry : files.properties()) {
            String name = entry.getKey();
            JsonNode expected = entry.getValue();
            Path file = base.resolve(name).normalize();
            // a name such as ../x in an edited marker must not make the check read outside the run
            if (!base.equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw damaged(dir, name, "is missing");
            }
            int format = expected.path("format").asInt(-1);
            if (format != FILE_FORMATS.getOrDefault(name, 1)) {
                throw damaged(
                        dir,
                        name,
                        "has format version " + expected.path("format") + ", which this Quiver (" + QUIVER_VERSION
                                + ") cannot read");
            }
            long actualSize;
            try {
                actualSize = Files.size(file);
            } catch (IOException e) {
                throw damaged(dir, name, "cannot be read (" + e.getMessage() + ")");
            }
            long size = expected.path("size").asLong(-1);
            if (actualSize != size) {
                throw damaged(
                        dir,
                        name,
                        "has " + actualSize + " bytes where the run wrote " + size
                                + (actualSize < size ? " (truncated)" : ""));
            }
            if (!hashes) {
                continue;
            }
            FileDigest actual;
            try {
                actual = digest(file, false);
            } catch (IOException e) {
                throw damaged(dir, name, "cannot be read (" + e.getMessage() + ")");
            }
            if (!actual.sha256().equals(expected.path("sha256").asText())) {
                throw damaged(dir, name, "was changed after the run wrote it (its SHA-256 differs)");
            }
        }
    }

    /**
     * The marker's content after checking its own format and that it lists every file a run has.
     *
     * @throws QuiverException {@link ErrorCode#DATA} when there is no usable marker
     */
    private static JsonNode readMarker(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            String why = Files.isRegularFile(dir.resolve(RunBundle.MODEL))
                    ? " has no " + FILE + ": it was written by an older Quiver or is not a complete run. Run the "
                            + "pipeline again to recreate it."
                    : " is not a Quiver run: it has no " + FILE + ", and it is no run history either (no "
                            + RunHistory.LATEST + ", no run folders). Pass what 'quiver run' wrote: its output.dir"
                            + " (a run history), a run folder in it, or its --out folder.";
            throw new QuiverException(ErrorCode.DATA, dir + why);
        }
        JsonNode marker;
        try {
            marker = RunBundle.readJson(file);
        } catch (IOException e) {
            throw damaged(
                    dir,
                    FILE,
                    "is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (marker == null || marker.path("format").asInt(-1) != FORMAT) {
            throw damaged(
                    dir,
                    FILE,
                    "has format version " + (marker == null ? "none" : marker.path("format")) + "; this Quiver ("
                            + QUIVER_VERSION + ") reads format " + FORMAT);
        }
        JsonNode files = marker.get("files");
        if (files == null || !files.isObject()) {
            throw damaged(dir, FILE, "lists no files");
        }
        for (String name : new TreeSet<>(REQUIRED)) {
            if (!files.has(name)) {
                throw damaged(dir, FILE, "does not list " + name);
            }
        }
        return marker;
    }

    private static QuiverException damaged(Path dir, String file, String what) {
        return new QuiverException(
                ErrorCode.DATA,
                "The run in " + dir + " is damaged: " + file + " " + what + ". Run the pipeline again to recreate it.");
    }

    /** The names of the entries of {@code dir}, sorted. */
    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            Set<String> names = new TreeSet<>();
            entries.forEach(p -> names.add(p.getFileName().toString()));
            return names;
        }
    }

    private static FileDigest digest(Path file, boolean force) throws IOException {
        return FileDigest.of(file, force);
    }
}
