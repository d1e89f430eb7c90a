package dev.quiver.serve.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Joins batches of one schema into one, for micro-batching. Stateless; any thread. */
final class Batches {

    private Batches() {}

    /** A new root of {@code allocator}, owned by the caller: the rows of {@code parts} one after another. */
    static VectorSchemaRoot concat(List<VectorSchemaRoot> parts, BufferAllocator allocator) {
        int total = parts.stream().mapToInt(VectorSchemaRoot::getRowCount).sum();
        VectorSchemaRoot first = parts.get(0);
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int c = 0; c < first.getFieldVectors().size(); c++) {
                FieldVector joined = first.getVector(c).getField().createVector(allocator);
                vectors.add(joined);
                joined.setInitialCapacity(total);
                joined.allocateNew();
                int at = 0;
                for (VectorSchemaRoot part : parts) {
                    FieldVector from = part.getVector(c);
                    for (int r = 0; r < part.getRowCount(); r++) {
                        joined.copyFromSafe(r, at++, from);
                    }
                }
                joined.setValueCount(total);
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot root = new VectorSchemaRoot(first.getSchema().getFields(), vectors, total);
        root.setRowCount(total);
        return root;
    }
}
