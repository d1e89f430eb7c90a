package dev.quiver.cli.internal;

import dev.quiver.runtime.bundle.RunReference;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --model RUN} option of every command that reads one saved run ({@code predict}, {@code evaluate},
 * {@code explain}, {@code export}, {@code generate}), as a picocli mixin: one spelling, one help text, one way to
 * resolve it. Set by picocli on the command's thread before the command runs; not thread-safe.
 */
public final class ModelOption {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "RUN",
            description = "A run history (its LATEST run), a run folder or HISTORY/RUN_ID.")
    private Path reference;

    /** The reference as given on the command line. */
    public Path reference() {
        return reference;
    }

    /**
     * The run folder the reference names (see {@link RunReference}).
     *
     * @throws dev.quiver.api.QuiverException when it names no run, saying what was looked for
     */
    public Path run() {
        return RunReference.resolve(reference).run();
    }
}
