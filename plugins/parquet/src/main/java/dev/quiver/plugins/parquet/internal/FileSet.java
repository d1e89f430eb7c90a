package dev.quiver.plugins.parquet.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a {@code path:} names: the file itself, every {@code *.parquet} file under a folder, or the regular
 * files a glob matches ({@code *} within a folder name, {@code **} across folders), always in path order so that
 * every pass, and every run, sees the rows in the same order. Hidden files and Spark-style markers ({@code .x},
 * {@code _SUCCESS}, {@code _temporary/}) below the folder or the pattern's fixed part are skipped. Immutable; {@link #list()} touches the file system.
 */
public final class FileSet {

    private final String written;
    private final Path resolved;

    /**
     * @param written the path as the user wrote it, for messages
     * @param resolved the same path made absolute (a glob's pattern characters kept)
     */
    public FileSet(String written, Path resolved) {
        this.written = written;
        this.resolved = resolved.toAbsolutePath().normalize();
    }

    /** What messages call the data: the resolved path or pattern. */
    public String describe() {
        return resolved.toString();
    }

    /** The files, in path order; a DATA error when there are none. */
    public List<Path> list() {
        List<Path> files;
        try {
            if (isGlob(resolved.toString())) {
                files = matching();
            } else if (Files.isDirectory(resolved)) {
                files = under(resolved, Integer.MAX_VALUE, p -> isDataFile(resolved.relativize(p)));
            } else if (Files.isRegularFile(resolved)) {
                files = List.of(resolved);
            } else {
                throw new QuiverException(ErrorCode.DATA, resolved + ": the file does not exist.");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new QuiverException(
                    ErrorCode.DATA, resolved + ": cannot list the files (" + e.getMessage() + ").", e);
        }
        if (files.isEmpty()) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    resolved + ": no Parquet file "
                            + (isGlob(resolved.toString()) ? "matches '" + written + "'." : "in this folder."));
        }
        return files;
    }

    private List<Path> matching() throws IOException {
        // Walk from the deepest folder without pattern characters, as far down as the pattern can reach.
        Path base = resolved.getRoot();
        int depth = 0;
        boolean fixed = true;
        for (Path part : resolved.getRoot().relativize(resolved)) {
            if (fixed && !isGlob(part.toString())) {
                base = base.resolve(part);
            } else {
                fixed = false;
                depth = part.toString().contains("**")
                        ? Integer.MAX_VALUE
                        : depth == Integer.MAX_VALUE ? depth : depth + 1;
            }
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + resolved);
        Path from = base;
        return under(base, depth, p -> matcher.matches(p) && !hidden(from.relativize(p)));
    }

    private static List<Path> under(Path folder, int depth, java.util.function.Predicate<Path> keep)
            throws IOException {
        try (Stream<Path> walk = Files.walk(folder, depth)) {
            return walk.filter(Files::isRegularFile).filter(keep).sorted().toList();
        }
    }

    /** A {@code *.parquet} file that is not {@linkplain #hidden hidden}. */
    private static boolean isDataFile(Path relative) {
        return !hidden(relative) && relative.toString().endsWith(".parquet");
    }

    /** In or named as a hidden file or a marker ({@code .x}, Spark's {@code _SUCCESS} and {@code _temporary/}). */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    static boolean isGlob(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0 || path.indexOf('{') >= 0;
    }
}
