package dev.quiver.runtime.exec.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which source or sink plugin reads and writes a data file named on the command line, by its extension:
 * {@code .csv} is {@code csv}; {@code .arrow}, {@code .arrows}, {@code .feather} and {@code .ipc} are
 * {@code arrow}; {@code .parquet} is {@code parquet}. One rule for {@code quiver predict} locally and on Spark.
 * Stateless.
 */
public final class FileTypes {

    private FileTypes() {}

    /** The plugin type of {@code file}, or empty for an extension no plugin claims. */
    public static Optional<String> of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Optional.of("csv");
        }
        if (name.endsWith(".arrow") || name.endsWith(".arrows") || name.endsWith(".feather") || name.endsWith(".ipc")) {
            return Optional.of("arrow");
        }
        if (name.endsWith(".parquet")) {
            return Optional.of("parquet");
        }
        return Optional.empty();
    }
}
