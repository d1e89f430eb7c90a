package dev.quiver.plugins.io.internal;

import java.nio.file.Path;

/** The child process of {@link AtomicFileTest}: starts writing {@code args[0]}, prints the temporary file, waits. */
public final class AtomicFileChild {

    private AtomicFileChild() {}

    public static void main(String[] args) throws Exception {
        try (AtomicFile file = AtomicFile.create(Path.of(args[0]))) {
            System.out.println(file.tempPath());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
