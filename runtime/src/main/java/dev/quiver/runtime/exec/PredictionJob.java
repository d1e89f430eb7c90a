package dev.quiver.runtime.exec;

import dev.quiver.runtime.bundle.OnInvalid;
import java.nio.file.Path;
import java.util.Map;

/**
 * One {@code quiver predict} handed to a {@link PredictionEngine}. Immutable, so any thread may read it.
 *
 * @param run the run folder (already resolved from a history or id), absolute
 * @param input a data file, or a folder whose data files (by extension) are read in name order
 * @param output the folder to write: one file per partition ({@code part-00000.arrow}, ...) and {@code _SUCCESS}
 * @param format {@code arrow} or {@code csv}: the files' format
 * @param onInvalid what a row that cannot be scored does
 * @param options the engine's own settings by name (for Spark: {@code master}, {@code partitions}); absent keys
 *     take the engine's defaults
 */
public record PredictionJob(
        Path run, Path input, Path output, String format, OnInvalid onInvalid, Map<String, String> options) {

    public PredictionJob {
        run = run.toAbsolutePath().normalize();
        input = input.toAbsolutePath().normalize();
        output = output.toAbsolutePath().normalize();
        options = Map.copyOf(options);
    }
}
