package dev.quiver.plugins.parquet;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.plugins.parquet.internal.ColumnTypes;
import dev.quiver.plugins.parquet.internal.FileSet;
import dev.quiver.plugins.parquet.internal.NativeBudget;
import dev.quiver.plugins.parquet.internal.ScanBatchReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.source.DatasetFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A configured set of Parquet files read as one table. Thread-safe: the file list and the schema are found once
 * (every file's footer is read, and all must declare the same columns) and every {@link #open} starts an
 * independent scan. {@link #select} narrows the columns read, which Parquet's columnar layout makes cheap.
 */
final class ParquetSource implements Source {

    private final FileSet files;
    private final int batchSize;
    private final long nativeBytes;
    /** The columns to read, in the file's order; null for all. */
    private final List<String> columns;

    private volatile Found found;

    private record Found(List<Path> files, Schema schema) {}

    ParquetSource(FileSet files, int batchSize, long nativeBytes, List<String> columns) {
        this.files = files;
        this.batchSize = batchSize;
        this.nativeBytes = nativeBytes;
        this.columns = columns == null ? null : List.copyOf(columns);
    }

    @Override
    public Schema schema() {
        return found().schema();
    }

    @Override
    public Source select(List<String> names) {
        Schema all = schema();
        List<String> kept = all.getFields().stream()
                .map(Field::getName)
                .filter(names::contains)
                .toList();
        ParquetSource narrowed = new ParquetSource(files, batchSize, nativeBytes, kept);
        narrowed.found = new Found(found().files(), narrow(all, kept));
        return narrowed;
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        Found f = checkedFound();
        return new ScanBatchReader(f.files(), f.schema(), batchSize, nativeBytes, allocator);
    }

    /**
     * One split per file, in the source's file order, whatever {@code count} is: the Arrow Dataset scanner this
     * plugin reads with has no Java API to scan part of a file's row groups, so a single file is one split (no
     * parallelism within it) and a folder or glob of many files spreads over many tasks. Write a large table as
     * several files to read it in parallel. Reads only the footers (already read for the schema).
     */
    @Override
    public List<SourceSplit> splits(int count) {
        Found f = checkedFound();
        return f.files().stream()
                .<SourceSplit>map(file -> new ParquetFileSplit(file, f.schema(), batchSize, nativeBytes))
                .toList();
    }

    /** The files and schema, each column of a type this plugin reads. */
    private Found checkedFound() {
        Found f = found();
        for (Field field : f.schema().getFields()) {
            Optional<String> why = ColumnTypes.unsupported(field);
            if (why.isPresent()) {
                throw QuiverException.data(
                        describe(),
                        0,
                        field.getName(),
                        "the column " + why.get() + ". Leave it "
                                + "out of the pipeline: list the columns to use under columns.features.");
            }
        }
        return f;
    }

    @Override
    public String describe() {
        return files.describe();
    }

    private Found found() {
        Found result = found;
        if (result == null) {
            List<Path> list = files.list();
            Schema schema = null;
            Path first = null;
            for (Path file : list) {
                Schema declared = ColumnTypes.declared(footerSchema(file));
                if (schema == null) {
                    schema = declared;
                    first = file;
                } else if (!schema.equals(declared)) {
                    throw new QuiverException(
                            ErrorCode.DATA,
                            file + ": its columns " + declared.getFields()
                                    + " differ from those of " + first + ", " + schema.getFields() + "; every file of '"
                                    + describe() + "' must have the same columns.");
                }
            }
            result = new Found(list, columns == null ? schema : narrow(schema, columns));
            found = result;
        }
        return result;
    }

    private static Schema narrow(Schema schema, List<String> kept) {
        return new Schema(schema.getFields().stream()
                .filter(f -> kept.contains(f.getName()))
                .toList());
    }

    // DatasetFactory.close() declares InterruptedException (from AutoCloseable); the catch below handles it.
    @SuppressWarnings("try")
    private Schema footerSchema(Path file) {
        // Reading a footer allocates no Arrow buffers, but the factory wants an allocator: a tiny private one.
        try (RootAllocator allocator = new RootAllocator(1 << 20);
                DatasetFactory factory = new FileSystemDatasetFactory(
                        allocator,
                        NativeBudget.of(nativeBytes).pool(),
                        FileFormat.PARQUET,
                        file.toUri().toString())) {
            return factory.inspect();
        } catch (RuntimeException e) {
            throw new QuiverException(
                    ErrorCode.DATA, file + ": not a readable Parquet file (" + nativeMessage(e) + ").", e);
        } catch (Exception e) {
            throw new QuiverException(ErrorCode.DATA, file + ": cannot read the Parquet footer (" + e + ").", e);
        }
    }

    /** Arrow C++'s message without the "Error creating dataset. Could not read schema from ..." preamble. */
    private static String nativeMessage(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int cause = message.lastIndexOf("': ");
        return cause >= 0 ? message.substring(cause + 3) : message;
    }
}
