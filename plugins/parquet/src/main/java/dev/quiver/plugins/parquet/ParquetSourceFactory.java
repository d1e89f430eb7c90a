package dev.quiver.plugins.parquet;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.plugins.parquet.internal.FileSet;
import java.util.List;

/**
 * {@code source: {type: parquet, path: data/*.parquet}}: one Parquet file, every {@code *.parquet} file under a
 * folder, or the files a glob matches, read as one table. Stateless and thread-safe.
 */
public final class ParquetSourceFactory implements SourceFactory {

    public static final Option<String> PATH = Option.string("path", null)
            .required()
            .describe("A Parquet file, a folder (every *.parquet file under it, in path order) or a glob such as "
                    + "data/*.parquet or data/**/*.parquet; relative to the pipeline file's folder.");
    public static final Option<Integer> BATCH_SIZE = Option.integer("batchSize", 8192)
            .atLeast(1)
            .describe("Rows per batch at most; a row group is read in batches of this size.");
    public static final Option<Integer> NATIVE_MEMORY = Option.integer("nativeMemory", 512)
            .atLeast(16)
            .describe("MiB of native memory (off-heap, outside -Xmx) that Parquet scans with this setting may hold "
                    + "at once for decoding and read-ahead; a scan that needs more fails, naming this option.");

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String description() {
        return "Reads Parquet files (a file, a folder or a glob), row group by row group, only the columns used.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(PATH, BATCH_SIZE, NATIVE_MEMORY);
    }

    @Override
    public Source create(Config config, PluginContext context) {
        String path = config.get(PATH);
        int batchSize = config.get(BATCH_SIZE);
        long nativeBytes = config.get(NATIVE_MEMORY) * (1L << 20);
        return new ParquetSource(new FileSet(path, context.resolvePath(path)), batchSize, nativeBytes, null);
    }
}
