package dev.quiver.runtime.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rule of what a run may replace: an absent entry, an empty folder or a Quiver run (a folder its marker
 * describes); never a link, a file, a FIFO or a user's folder. {@link AtomicDirectory} applies it before a run
 * and again at commit. Stateless; any thread.
 */
final class Replaceable {

    private Replaceable() {}

    /** Why the entry at {@code path} (shown as {@code shown}) may not be replaced by a run, if it may not. */
    static Optional<String> problem(Path path, Path shown) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.isSymbolicLink(path)) {
            return Optional.of("is a symbolic link");
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("is a file");
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("is not a folder (a FIFO, socket or device)");
        }
        try (Stream<Path> entries = Files.list(path)) {
            if (entries.findAny().isEmpty()) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of("cannot be listed (" + e + ")");
        }
        return RunMarker.problem(path, Set.of(TempOwner.FILE))
                .map(why -> "exists and is not a Quiver run (" + why.replace(path.toString(), shown.toString()) + ")");
    }
}
