package dev.quiver.serve.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Arrow IPC stream bodies ({@code application/vnd.apache.arrow.stream}): each batch of the request is read into a
 * root of its own (owned by the caller), and predictions are written back as one stream. Stateless; any thread.
 */
public final class ArrowBodies {

    public static final String MEDIA_TYPE = "application/vnd.apache.arrow.stream";

    private ArrowBodies() {}

    /** Every batch of the stream, each a root the caller closes. */
    public static List<VectorSchemaRoot> read(byte[] body, BufferAllocator allocator) {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(body), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                batches.add(copy(root, allocator));
            }
        } catch (IOException | RuntimeException e) {
            batches.forEach(VectorSchemaRoot::close);
            throw new ApiError(400, "The body is not a readable Arrow IPC stream: " + e.getMessage());
        }
        return batches;
    }

    private static VectorSchemaRoot copy(VectorSchemaRoot root, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        for (FieldVector v : root.getFieldVectors()) {
            TransferPair pair = v.getTransferPair(allocator);
            pair.transfer();
            vectors.add((FieldVector) pair.getTo());
        }
        return new VectorSchemaRoot(root.getSchema().getFields(), vectors, root.getRowCount());
    }

    /** The batches as one stream, written through a root of {@code allocator}; they must share a schema. */
    public static byte[] write(List<VectorSchemaRoot> batches, BufferAllocator allocator) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (batches.isEmpty()) {
            return out.toByteArray();
        }
        try (VectorSchemaRoot shared = VectorSchemaRoot.create(batches.get(0).getSchema(), allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(shared, null, Channels.newChannel(out))) {
            writer.start();
            VectorLoader loader = new VectorLoader(shared);
            for (VectorSchemaRoot batch : batches) {
                try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
                    loader.load(record);
                }
                writer.writeBatch();
            }
            writer.end();
        }
        return out.toByteArray();
    }
}
