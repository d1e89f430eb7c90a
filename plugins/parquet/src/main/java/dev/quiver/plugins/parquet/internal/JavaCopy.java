package dev.quiver.plugins.parquet.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/**
 * Copies a scanned column, whose buffers Arrow C++ owns (imported through the C data interface, allocated from
 * the reader's native pool), into buffers of a Java allocator. A batch that leaves the reader must not point into
 * native memory: a consumer may keep it after the reader (and its native pool) are closed, and releasing it then
 * would call into freed native code. One copy per batch is cheap next to decoding Parquet. Stateless.
 */
final class JavaCopy {

    private JavaCopy() {}

    /** Replaces {@code to}'s contents by a copy of {@code from} (same type, a flat column) in {@code allocator}. */
    static void copy(FieldVector from, FieldVector to, BufferAllocator allocator) {
        int rows = from.getValueCount();
        List<ArrowBuf> source = from.getFieldBuffers();
        List<ArrowBuf> copies = new ArrayList<>(source.size());
        try {
            for (int i = 0; i < source.size(); i++) {
                ArrowBuf buffer = source.get(i);
                long size = buffer == null ? 0 : buffer.capacity();
                boolean validity = i == 0;
                long needed = validity ? BitVectorHelper.getValidityBufferSize(rows) : size;
                ArrowBuf copy = allocator.buffer(Math.max(needed, size));
                if (validity && size < needed) {
                    // Arrow C++ omits the validity buffer of a column without nulls: every row is valid.
                    copy.setOne(0, needed);
                } else if (size > 0) {
                    copy.setBytes(0, buffer, 0, size);
                }
                copies.add(copy);
            }
            to.clear();
            to.loadFieldBuffers(new ArrowFieldNode(rows, from.getNullCount()), copies);
            to.setValueCount(rows);
        } finally {
            copies.forEach(ArrowBuf::close); // the vector took its own references
        }
    }
}
