package dev.quiver.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code .quiver-temp.json} in a temporary run folder: which process builds it (pid and start time), so that the
 * next run to the same output deletes a temporary folder only when it is Quiver's own and its process is gone (a
 * SIGKILL leaves it behind; a reused pid has another start time). Stateless.
 */
final class TempOwner {

    static final String FILE = ".quiver-temp.json";

    private TempOwner() {}

    /** Marks {@code temp} as being built by this process. */
    static void mark(Path temp) {
        ProcessHandle self = ProcessHandle.current();
        RunBundle.writeJson(
                temp.resolve(FILE),
                RunBundle.JSON
                        .createObjectNode()
                        .put("format", 1)
                        .put("pid", self.pid())
                        .put("started", started(self).map(Instant::toString).orElse("")));
    }

    /** Whether {@code temp} carries a readable owner marker whose process no longer runs. */
    static boolean isAbandoned(Path temp) {
        Path file = temp.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        JsonNode owner;
        try {
            owner = RunBundle.readJson(file);
        } catch (IOException e) {
            return false;
        }
        if (owner == null
                || owner.path("format").asInt() != 1
                || !owner.path("pid").canConvertToLong()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(owner.path("pid").asLong());
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        String started = owner.path("started").asText("");
        // The same pid with another start time is a new process that happens to reuse the number.
        return !started.isEmpty()
                && started(process.get())
                        .map(s -> !s.toString().equals(started))
                        .orElse(false);
    }

    private static Optional<Instant> started(ProcessHandle process) {
        return process.info().startInstant();
    }
}
