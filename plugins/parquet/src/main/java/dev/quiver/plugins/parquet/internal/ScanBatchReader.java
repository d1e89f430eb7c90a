package dev.quiver.plugins.parquet.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.dataset.source.DatasetFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One pass over Parquet files, one file after the other in the given order, each scanned by Arrow's Dataset
 * module with the declared columns only and at most {@code batchSize} rows per batch (a row group yields one or
 * more batches; only the scan's read-ahead is held, never the file).
 *
 * <p>Owns its {@link #root()} (allocated from the caller's allocator) and the current file's scanner, whose
 * native memory comes from the {@link NativeBudget} of its cap. Each scanned batch is copied into the root's Java
 * buffers (a dictionary-encoded string column is decoded into them), so no batch handed out points into native
 * memory that the reader's close frees. Not thread-safe: one thread reads.
 */
public final class ScanBatchReader implements BatchReader {

    private final List<Path> files;
    private final Schema schema;
    private final int batchSize;
    private final BufferAllocator allocator;
    private final NativeBudget budget;
    private final long refusalsBefore;
    private final VectorSchemaRoot root;
    private int next;
    private Path file;
    private long rowsOfFile;
    private final List<AutoCloseable> scan = new ArrayList<>();
    private ArrowReader batches;
    private boolean finished;
    private boolean closed;

    /**
     * @param schema the declared columns to read, each of a supported type ({@link ColumnTypes#unsupported} empty)
     */
    public ScanBatchReader(
            List<Path> files, Schema schema, int batchSize, long nativeBytes, BufferAllocator allocator) {
        this.files = List.copyOf(files);
        this.schema = schema;
        this.batchSize = batchSize;
        this.allocator = allocator;
        this.budget = NativeBudget.of(nativeBytes);
        this.refusalsBefore = budget.refusals();
        this.root = VectorSchemaRoot.create(schema, allocator);
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    /** The most native memory the scans of this reader's budget held at once (for tests and diagnostics). */
    public long nativePeak() {
        return budget.peak();
    }

    @Override
    public boolean loadNextBatch() {
        if (closed) {
            throw new IllegalStateException("reader of " + files + " is closed");
        }
        while (!finished) {
            try {
                if (batches == null && !openNextFile()) {
                    finished = true;
                    break;
                }
                if (batches.loadNextBatch()) {
                    VectorSchemaRoot scanned = batches.getVectorSchemaRoot();
                    if (scanned.getRowCount() == 0) {
                        continue;
                    }
                    moveIntoRoot(scanned);
                    rowsOfFile += scanned.getRowCount();
                    return true;
                }
                closeScan();
            } catch (QuiverException e) {
                throw e;
            } catch (Exception e) {
                throw failure(e);
            }
        }
        root.clear(); // the contract says the root is empty at the end; this also frees the last batch early
        return false;
    }

    private boolean openNextFile() throws Exception {
        if (next == files.size()) {
            return false;
        }
        file = files.get(next++);
        rowsOfFile = 0;
        DatasetFactory factory = new FileSystemDatasetFactory(
                allocator, budget.pool(), FileFormat.PARQUET, file.toUri().toString());
        scan.add(factory);
        Dataset dataset = factory.finish();
        scan.add(dataset);
        String[] columns = schema.getFields().stream().map(Field::getName).toArray(String[]::new);
        Scanner scanner = dataset.newScan(
                new ScanOptions.Builder(batchSize).columns(Optional.of(columns)).build());
        scan.add(scanner);
        batches = scanner.scanBatches();
        scan.add(batches);
        return true;
    }

    private void moveIntoRoot(VectorSchemaRoot scanned) {
        root.clear();
        for (int i = 0; i < schema.getFields().size(); i++) {
            FieldVector from = scanned.getVector(i);
            FieldVector to = root.getVector(i);
            if (from.getField().getDictionary() != null) {
                try (FieldVector decoded = DictionaryColumns.decode(from, batches, allocator, file.toString())) {
                    decoded.makeTransferPair(to).transfer();
                }
            } else if (from.getMinorType() != to.getMinorType()) {
                // The file changed type under the declared schema (another file of the set, or rewritten).
                throw QuiverException.data(
                        file.toString(),
                        0,
                        to.getName(),
                        "is " + from.getField().getType()
                                + " in this file but " + to.getField().getType()
                                + " in the first file of the set; every "
                                + "file must have the same column types.");
            } else {
                JavaCopy.copy(from, to, allocator);
            }
        }
        root.setRowCount(scanned.getRowCount());
    }

    private QuiverException failure(Exception e) {
        if (budget.refusals() > refusalsBefore) {
            return new QuiverException(
                    ErrorCode.DATA,
                    file + ": reading it needed more than "
                            + (budget.limit() >> 20) + " MiB of native memory, the source's nativeMemory; raise it, or "
                            + "lower batchSize (now " + batchSize + ").",
                    e);
        }
        return new QuiverException(
                ErrorCode.DATA,
                file + ": cannot read the Parquet file after row " + rowsOfFile + " (" + e.getMessage() + ").",
                e);
    }

    private void closeScan() throws Exception {
        batches = null;
        Exception failure = null;
        for (int i = scan.size() - 1; i >= 0; i--) {
            try {
                scan.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        scan.clear();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeScan();
        } catch (Exception e) {
            throw new QuiverException(
                    ErrorCode.DATA, file + ": cannot close the Parquet scan (" + e.getMessage() + ").", e);
        } finally {
            root.close();
        }
    }
}
