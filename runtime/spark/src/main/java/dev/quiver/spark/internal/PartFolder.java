package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The output folder of a prediction on Spark. Tasks commit their part files (each written aside and renamed by the
 * sink plugin) into {@code _temporary/}; only when every task succeeded does the driver rename them into the
 * folder, in order, and then create {@code _SUCCESS}. A failed job deletes {@code _temporary/} (and the folder, if
 * this job made it), so no {@code part-*} file appears beside the staging folder unless the whole job succeeded,
 * and a folder without {@code _SUCCESS} is never complete. Used on the driver thread only.
 */
final class PartFolder {

    static final String STAGING = "_temporary";
    static final String SUCCESS = "_SUCCESS";

    private final Path folder;
    private final boolean made;

    private PartFolder(Path folder, boolean made) {
        this.folder = folder;
        this.made = made;
    }

    /**
     * Claims {@code folder}: it must be absent or an empty folder (USAGE otherwise, as Quiver never replaces what
     * it did not write), and gets the staging folder.
     */
    static PartFolder claim(Path folder) {
        boolean made = !Files.exists(folder);
        if (!made) {
            if (!Files.isDirectory(folder)) {
                throw new QuiverException(
                        ErrorCode.USAGE,
                        "--output " + folder + " exists and is not a folder; with --engine spark the output is a "
                                + "folder of part files. Choose another --output.");
            }
            try (Stream<Path> entries = Files.list(folder)) {
                List<String> names = entries.map(p -> p.getFileName().toString())
                        .sorted()
                        .limit(3)
                        .toList();
                if (!names.isEmpty()) {
                    throw new QuiverException(
                            ErrorCode.USAGE,
                            "--output " + folder + " is not empty (it holds " + String.join(", ", names)
                                    + "); Quiver writes part files only into a new or empty folder. Choose another "
                                    + "--output or empty it.");
                }
            } catch (IOException e) {
                throw new QuiverException(ErrorCode.USAGE, "Cannot read --output " + folder + ": " + e.getMessage(), e);
            }
        }
        try {
            Files.createDirectories(folder.resolve(STAGING));
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.USAGE, "Cannot create --output " + folder + ": " + e.getMessage(), e);
        }
        return new PartFolder(folder, made);
    }

    Path staging() {
        return folder.resolve(STAGING);
    }

    /**
     * Moves the part files {@code names} (in row order) from staging into the folder, then marks it complete.
     *
     * @return the part files' paths
     */
    List<String> complete(List<String> names) {
        try {
            for (String name : names) {
                Files.move(staging().resolve(name), folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
            delete(staging());
            Files.createFile(folder.resolve(SUCCESS)); // last: its presence says every part is there
        } catch (IOException | UncheckedIOException e) {
            throw new QuiverException(ErrorCode.DATA, "Cannot finish --output " + folder + ": " + e.getMessage(), e);
        }
        return names.stream().map(n -> folder.resolve(n).toString()).toList();
    }

    /** After a failure: removes the staging folder and what was moved out of it, and the folder if made here. */
    void abandon() {
        try {
            delete(staging());
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path p : entries.filter(p -> p.getFileName().toString().startsWith("part-"))
                        .toList()) {
                    Files.deleteIfExists(p); // the folder was empty when claimed: every part file is this job's
                }
            }
            if (made) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException | UncheckedIOException e) {
            // the job's own error is the one to report; what is left is named there by the folder lacking _SUCCESS
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
