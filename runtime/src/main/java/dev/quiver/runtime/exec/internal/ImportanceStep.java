package dev.quiver.runtime.exec.internal;

import dev.quiver.api.data.Source;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.explain.Importances;
import dev.quiver.runtime.explain.PermutationImportance;
import dev.quiver.runtime.pipeline.Pipeline;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The run's {@code permutation-importance} step: reads the evaluated split into memory (shuffling a column needs
 * every row) and measures every input column's importance on it with {@link PermutationImportance}. Stateless;
 * called on the run's thread.
 */
final class ImportanceStep {

    private ImportanceStep() {}

    static Importances measure(
            FittedPipeline fitted, Source rows, Pipeline.Importance step, int threads, BufferAllocator allocator) {
        try (Table table = Table.read(rows, allocator, allocator, n -> {})) {
            return PermutationImportance.compute(
                    fitted,
                    table,
                    step.metric(),
                    step.options().repeats(),
                    step.options().seed(),
                    threads,
                    allocator);
        }
    }
}
