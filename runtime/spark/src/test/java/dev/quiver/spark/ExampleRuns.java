package dev.quiver.spark;

import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.exec.RunListener;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.pipeline.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The example pipelines of {@code pipelines/}, copied into a test's temporary folder and run through the API. */
final class ExampleRuns {

    static final Path EXAMPLES = Path.of("../../pipelines").toAbsolutePath().normalize();
    static final String SPARK = "execution: {engine: spark, master: \"local[2]\"}\n";

    private ExampleRuns() {}

    /** The example and its data copied into {@code temp/folder}, with {@code extra} appended to the file. */
    static Path copy(Path temp, String example, String data, String folder, String extra) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(folder));
        Files.createDirectories(dir.resolve("data"));
        Files.copy(EXAMPLES.resolve("data").resolve(data), dir.resolve("data").resolve(data));
        Path file = dir.resolve(example);
        Files.writeString(file, Files.readString(EXAMPLES.resolve(example)) + extra);
        return file;
    }

    /** Runs {@code file} with the {@code --set} overrides {@code sets} into {@code run/} beside it. */
    static RunResult run(Path file, List<String> sets) {
        return run(file, sets, new ArrayList<>());
    }

    /** As {@link #run(Path, List)}, adding the run's notes to {@code notes}. */
    static RunResult run(Path file, List<String> sets, List<String> notes) {
        try (Quiver quiver = Quiver.create()) {
            Pipeline pipeline = quiver.load(file, sets);
            RunListener listener = new RunListener() {
                @Override
                public void note(String message) {
                    notes.add(message);
                }
            };
            return quiver.run(
                    pipeline, new RunOptions(Optional.of(file.getParent().resolve("run")), false, listener));
        }
    }
}
