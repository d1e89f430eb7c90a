package dev.quiver.spark.internal;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.api.transform.FittedTransform;
import java.io.Serializable;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One split read inside a task: opened where the task runs (the split's own plugin code on the executor's class
 * path), batch by batch into Arrow, each batch through the fitted transforms shipped so far (rebuilt once per
 * split by their plugins), then handed to a consumer that must not keep the root. Each split allocates from a
 * child ({@code spark-split-N}) of its JVM's one root allocator, closed (leak-checked) before the task returns, so
 * Arrow memory never leaves a task. Stateless; any task thread.
 */
final class SplitPass {

    /** One root per executor JVM, as the project's memory rule asks; children are per split. */
    static final BufferAllocator ROOT = new RootAllocator();

    private SplitPass() {}

    /** A split and its index, which names the task's allocator. */
    record Indexed(int index, SourceSplit split) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Receives one transformed batch; the root is valid only during the call, the allocator the split's. */
    @FunctionalInterface
    interface Batches {
        void accept(VectorSchemaRoot root, BatchReader reader, SourceSplit split, BufferAllocator allocator);
    }

    static void read(Indexed part, List<ShippedTransform> shipped, Batches consumer) {
        List<FittedTransform> fitted =
                shipped.stream().map(ShippedTransform::rebuild).toList();
        try (BufferAllocator task = ROOT.newChildAllocator("spark-split-" + part.index(), 0, Long.MAX_VALUE);
                BatchReader reader = part.split().open(task)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot current = reader.root();
                try {
                    for (FittedTransform transform : fitted) {
                        VectorSchemaRoot next = transform.apply(current, task);
                        if (current != reader.root()) {
                            current.close();
                        }
                        current = next;
                    }
                    consumer.accept(current, reader, part.split(), task);
                } finally {
                    if (current != reader.root()) {
                        current.close(); // ours: each apply's output belongs to its caller
                    }
                }
            }
        }
    }
}
