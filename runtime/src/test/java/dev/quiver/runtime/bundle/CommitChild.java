package dev.quiver.runtime.bundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The child process of {@link CrashSafetyTest}: {@code commit TARGET MODEL} builds a run and commits it (the test
 * sets the property that halts it between the commit's two moves); {@code wait TARGET} builds part of a run, prints
 * {@code ready} and waits to be stopped.
 */
public final class CommitChild {

    private CommitChild() {}

    public static void main(String[] args) throws Exception {
        try (AtomicDirectory folder = AtomicDirectory.begin(Path.of(args[1]))) {
            for (String file : Set.of(RunBundle.PIPELINE, RunBundle.SCHEMA, RunBundle.TRANSFORMS)) {
                Files.writeString(folder.path().resolve(file), file);
            }
            Files.writeString(folder.path().resolve(RunBundle.MODEL), args.length > 2 ? args[2] : "unfinished");
            if (args[0].equals("commit")) {
                folder.commit();
            } else {
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(120_000);
            }
        }
    }
}
