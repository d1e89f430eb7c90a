package dev.quiver.plugins.parquet.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.SinkWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.arrow.dataset.file.DatasetFileWriter;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes one Parquet file atomically. Arrow's Dataset writer pulls batches from an {@link
 * org.apache.arrow.vector.ipc.ArrowReader}, while a sink is pushed them, so each batch is first appended to an
 * Arrow IPC spool file; {@link #commit()} hands Arrow a reader over the spool, which writes the Parquet file into
 * a temporary folder beside the target, and the file is renamed into place. Memory stays at one batch on the Java
 * side (plus Arrow C++'s row-group buffer while committing).
 *
 * <p>Every temporary name starts with a dot and ends with {@code .tmp}, next to the target (a rename is atomic
 * only within a file system); a writer closed without committing deletes them. Not thread-safe; the caller keeps
 * ownership of the batches it writes.
 */
public final class SpoolingWriter implements SinkWriter {

    private final Path target;
    private final Schema schema;
    private final Path spool;
    private final Path folder;
    private final FileChannel channel;
    private final VectorSchemaRoot staging;
    private final ArrowFileWriter writer;
    private long rows;
    private boolean committed;
    private boolean closed;

    private SpoolingWriter(
            Path target, Schema schema, BufferAllocator allocator, Path spool, Path folder, FileChannel channel) {
        this.target = target;
        this.schema = schema;
        this.spool = spool;
        this.folder = folder;
        this.channel = channel;
        this.staging = VectorSchemaRoot.create(schema, allocator);
        this.writer = new ArrowFileWriter(staging, null, channel);
    }

    /** Starts an output for {@code target}: creates missing folders and the spool file. */
    public static SpoolingWriter open(Path target, Schema schema, BufferAllocator allocator) {
        for (Field field : schema.getFields()) {
            if (field.getDictionary() != null) {
                throw new IllegalArgumentException("the parquet sink writes plain columns; decode the dictionary-"
                        + "encoded column '" + field.getName() + "' first");
            }
        }
        Path absolute = target.toAbsolutePath();
        String stem = "." + absolute.getFileName() + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        Path spool = absolute.resolveSibling(stem + ".spool.tmp");
        Path folder = absolute.resolveSibling(stem + ".tmp");
        FileChannel channel = null;
        try {
            Files.createDirectories(absolute.getParent());
            channel = FileChannel.open(spool, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            SpoolingWriter result = new SpoolingWriter(absolute, schema, allocator, spool, folder, channel);
            result.writer.start();
            return result;
        } catch (IOException e) {
            closeQuietly(channel);
            deleteQuietly(spool);
            throw failure(absolute, "cannot create the output file", e);
        }
    }

    @Override
    public void write(VectorSchemaRoot batch) {
        if (committed || closed) {
            throw new IllegalStateException("write after " + (committed ? "commit" : "close") + " of " + target);
        }
        if (!batch.getSchema().equals(schema)) {
            throw new IllegalArgumentException("batch schema " + batch.getSchema() + " differs from the schema "
                    + schema + " this writer of " + target + " was opened with");
        }
        // The record batch holds references to the caller's buffers, so the caller's batch stays intact.
        try (ArrowRecordBatch unloaded = new VectorUnloader(batch).getRecordBatch()) {
            new VectorLoader(staging).load(unloaded);
            writer.writeBatch();
            rows += batch.getRowCount();
        } catch (IOException e) {
            throw failure(target, "cannot write the spool file " + spool, e);
        } finally {
            staging.clear();
        }
    }

    @Override
    public void commit() {
        if (closed) {
            throw new IllegalStateException("commit after close of " + target);
        }
        try {
            if (rows == 0) {
                // Arrow's Dataset writer creates no file at all for a table without rows (it opens files as rows
                // arrive); saying so beats a commit that silently leaves nothing, or an older file, at the target.
                throw new QuiverException(
                        ErrorCode.DATA,
                        target + ": there are no rows to write, and Arrow's "
                                + "Parquet writer cannot write a file without rows; nothing was written.");
            }
            writer.end();
            writer.close();
            channel.close();
            // The batches are exported to Arrow C++, which may release the last of them from its own threads just
            // after write returns; a private allocator keeps that release away from the caller's, whose close is a
            // leak check, and is closed once C++ has let go of everything.
            RootAllocator exported = new RootAllocator();
            try (FileChannel in = FileChannel.open(spool, StandardOpenOption.READ);
                    ArrowFileReader reader = new ArrowFileReader(in, exported)) {
                DatasetFileWriter.write(
                        exported,
                        reader,
                        FileFormat.PARQUET,
                        folder.toUri().toString(),
                        new String[0],
                        1,
                        "part-{i}.parquet");
            } finally {
                closeWhenReleased(exported);
            }
            Path written = folder.resolve("part-0.parquet");
            if (!Files.isRegularFile(written)) {
                throw new IOException("Arrow wrote no file into " + folder);
            }
            try (FileChannel out = FileChannel.open(written, StandardOpenOption.WRITE)) {
                out.force(true);
            }
            try {
                Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw failure(target, "cannot write the Parquet file", e);
        } catch (RuntimeException e) {
            if (e instanceof QuiverException) {
                throw e;
            }
            throw new QuiverException(
                    ErrorCode.DATA, target + ": Arrow could not write the Parquet file (" + e.getMessage() + ").", e);
        } finally {
            close();
        }
    }

    private static void closeWhenReleased(RootAllocator exported) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (exported.getAllocatedMemory() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        exported.close();
    }

    /** Releases the staging batch and deletes every temporary file; the committed output stays. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (RuntimeException ignored) {
            // Closing a writer whose channel is already closed; the spool is deleted below either way.
        }
        closeQuietly(channel);
        staging.close();
        deleteQuietly(spool);
        deleteTree(folder);
    }

    private static QuiverException failure(Path target, String what, IOException cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new QuiverException(ErrorCode.DATA, target + ": " + what + " (" + detail + ").", cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The file is about to be deleted or is complete; nothing to do about a failed close.
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: a leftover hidden temporary file is harmless, and must not mask the real error.
        }
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            all.forEach(SpoolingWriter::deleteQuietly);
        } catch (IOException ignored) {
            // As above: best effort.
        }
    }
}
