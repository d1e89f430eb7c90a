package dev.quiver.plugins.io.internal;

import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The checks every sink writer makes before writing a batch: misuse by the caller (a programming error, so an
 * unchecked exception rather than a data error), worded the same whichever format is written. Stateless.
 */
public final class WriterChecks {

    private WriterChecks() {
    }

    /** Rejects a write once the writer is committed or closed: its file is already final, or gone. */
    public static void requireOpen(boolean committed, boolean closed, Path target) {
        if (committed || closed) {
            throw new IllegalStateException("write after " + (committed ? "commit" : "close") + " of " + target);
        }
    }

    /** Rejects a batch whose schema differs from the one the writer was opened with. */
    public static void requireSchema(VectorSchemaRoot batch, Schema schema, Path target) {
        if (!batch.getSchema().equals(schema)) {
            throw new IllegalArgumentException("batch schema " + batch.getSchema() + " differs from the schema "
                    + schema + " this writer of " + target + " was opened with");
        }
    }
}
