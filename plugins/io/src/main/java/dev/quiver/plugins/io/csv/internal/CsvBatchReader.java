package dev.quiver.plugins.io.csv.internal;

import dev.quiver.api.data.BatchReader;
import dev.quiver.plugins.io.internal.IoFailures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One pass over a CSV file: reads up to {@code batchSize} records at a time into the one root it owns.
 *
 * <p>The file is cut into chunks of whole records ({@link ChunkSplitter}, sequential and cheap), each chunk is split
 * and converted on {@link ParseWorkers} ({@link ParsedChunk}), and the reading thread copies the chunks, in file
 * order, into the root's vectors. At most {@link ParseWorkers#window()} chunks are in flight, so memory is bounded
 * by a few chunks plus one batch of vectors, whatever the file's size; the rows, their lines and the first error
 * are those of a sequential pass, whatever the thread count. A file of one chunk is parsed on the calling thread.
 *
 * <p>Cells: an unquoted null token, or an empty cell outside a text column, is missing; anything else must parse as
 * the column's type (see {@link CellParser}) or fails, naming file, line and column. Owns the file channel and the
 * root (allocated from the allocator given to {@link #open}); {@link #close()} releases both. Not thread-safe: one
 * thread reads.
 */
public final class CsvBatchReader implements BatchReader {

    private final String file;
    private final CsvLayout layout;
    private final CsvReadOptions options;
    private final FileChannel channel;
    private final ChunkSplitter splitter;
    private final VectorSchemaRoot root;
    private final List<FieldVector> vectors;
    private final ArrayDeque<Future<ParsedChunk>> inFlight = new ArrayDeque<>();
    private boolean splitterDone;
    private ParsedChunk chunk;
    /** The next row of {@link #chunk} to hand out. */
    private int chunkRow;
    /** The line each row of the current batch starts on. */
    private long[] lines = new long[0];

    private boolean finished;
    private boolean closed;

    private CsvBatchReader(
            Path path,
            CsvLayout layout,
            CsvReadOptions options,
            FileChannel channel,
            VectorSchemaRoot root,
            ChunkSplitter splitter) {
        this.file = path.toString();
        this.layout = layout;
        this.options = options;
        this.channel = channel;
        this.root = root;
        this.vectors = root.getFieldVectors();
        this.splitter = splitter;
    }

    /** Opens {@code path} for a pass; the caller owns the returned reader. */
    public static CsvBatchReader open(Path path, CsvLayout layout, CsvReadOptions options, BufferAllocator allocator) {
        return open(path, layout, options, allocator, ChunkSplitter.CHUNK_BYTES);
    }

    /** As {@link #open(Path, CsvLayout, CsvReadOptions, BufferAllocator)}, with chunks of about {@code chunkBytes}. */
    static CsvBatchReader open(
            Path path, CsvLayout layout, CsvReadOptions options, BufferAllocator allocator, int chunkBytes) {
        return open(path, layout, options, allocator, chunkBytes, new ByteRange(0, Long.MAX_VALUE, 1));
    }

    /**
     * Reads only the records in {@code range} of {@code path} (a split: the header and byte-order mark belong to
     * the range that starts at byte 0); the caller owns the returned reader.
     */
    public static CsvBatchReader open(
            Path path, CsvLayout layout, CsvReadOptions options, BufferAllocator allocator, ByteRange range) {
        return open(path, layout, options, allocator, ChunkSplitter.CHUNK_BYTES, range);
    }

    private static CsvBatchReader open(
            Path path,
            CsvLayout layout,
            CsvReadOptions options,
            BufferAllocator allocator,
            int chunkBytes,
            ByteRange range) {
        FileChannel channel = IoFailures.openForReading(path);
        VectorSchemaRoot root = null;
        try {
            ReadableByteChannel in = channel;
            if (range.start() > 0 || range.end() != Long.MAX_VALUE) {
                channel.position(range.start());
                in = new BoundedChannel(channel, range.end() - range.start());
            }
            ChunkSplitter splitter = new ChunkSplitter(
                    in,
                    path.toString(),
                    options.delimiter(),
                    options.quote(),
                    chunkBytes,
                    range.firstLine(),
                    range.start() == 0);
            root = VectorSchemaRoot.create(layout.schema(), allocator);
            return new CsvBatchReader(path, layout, options, channel, root, splitter);
        } catch (IOException e) {
            closeQuietly(channel, null);
            throw IoFailures.reading(path, e);
        } catch (RuntimeException e) {
            if (root != null) {
                root.close();
            }
            closeQuietly(channel, e);
            throw e;
        }
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() {
        if (closed) {
            throw new IllegalStateException("reader of " + file + " is closed");
        }
        if (finished) {
            return false;
        }
        int batchSize = options.batchSize();
        for (FieldVector v : vectors) {
            prepare(v, batchSize);
        }
        if (lines.length < batchSize) {
            lines = new long[batchSize];
        }
        int rows = 0;
        while (rows < batchSize) {
            if (chunk == null || chunkRow == chunk.rows) {
                if (chunk != null && chunk.failure != null) {
                    throw chunk.failure;
                }
                chunk = nextChunk();
                chunkRow = 0;
                if (chunk == null) {
                    break;
                }
                continue;
            }
            int n = Math.min(batchSize - rows, chunk.rows - chunkRow);
            for (int c = 0; c < vectors.size(); c++) {
                chunk.columns[c].copyTo(vectors.get(c), chunkRow, chunkRow + n, rows);
            }
            System.arraycopy(chunk.lines, chunkRow, lines, rows, n);
            chunkRow += n;
            rows += n;
        }
        root.setRowCount(rows);
        if (rows == 0) {
            finished = true;
            return false;
        }
        return true;
    }

    /** The next chunk in file order, keeping the workers' window full; null after the last. */
    private ParsedChunk nextChunk() {
        while (!splitterDone && inFlight.size() < ParseWorkers.window()) {
            ChunkSplitter.RawChunk raw = splitter.next();
            if (raw == null) {
                splitterDone = true;
                break;
            }
            splitterDone = raw.last();
            if (raw.last() && inFlight.isEmpty()) {
                // Nothing to overlap with (a small file, or the end): no hand-over to another thread.
                inFlight.add(CompletableFuture.completedFuture(ParsedChunk.parse(raw, file, layout, options)));
            } else {
                inFlight.add(ParseWorkers.submit(() -> ParsedChunk.parse(raw, file, layout, options)));
            }
        }
        Future<ParsedChunk> next = inFlight.poll();
        if (next == null) {
            return null;
        }
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + file, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Reuses the buffers of the previous batch unless a consumer transferred them away. */
    private static void prepare(FieldVector v, int rows) {
        if (v.getValueCapacity() < rows) {
            if (v instanceof BaseFixedWidthVector fixed) {
                fixed.allocateNew(rows);
            } else {
                ((BaseVariableWidthVector) v).allocateNew(rows);
            }
        } else {
            v.reset();
        }
    }

    @Override
    public long line(int row) {
        return lines[row];
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Future<ParsedChunk> f : inFlight) {
            f.cancel(false); // chunks hold heap arrays only; nothing to release
        }
        inFlight.clear();
        try {
            root.close();
        } finally {
            closeQuietly(channel, null);
        }
    }

    private static void closeQuietly(FileChannel channel, RuntimeException pending) {
        try {
            channel.close();
        } catch (IOException e) {
            if (pending != null) {
                pending.addSuppressed(e);
            }
            // Closing a file opened for reading cannot lose data; nothing else to do.
        }
    }
}
