package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.runtime.exec.internal.FileTypes;
import dev.quiver.spark.TaskPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The input of a prediction on Spark as splits, in row order: a file, or a folder's data files in name order
 * (hidden files and those starting with {@code _}, such as {@code _SUCCESS}, left out), each cut by its source
 * plugin ({@code Source.splits}); a file its source cannot cut (an Arrow IPC file) is one split, opened in the
 * task by the same plugin. Every file must have the first one's schema. Immutable; made on the driver.
 *
 * @param splits the splits, in row order
 * @param files the file each split reads, as the user named it (for error messages)
 * @param schema the files' common schema
 */
record PredictionInput(List<SourceSplit> splits, List<String> files, Schema schema) {

    /** How a task makes a file's source or sink plugin: the paths it is given are absolute already. */
    static final PluginContext FILES = new PluginContext() {
        @Override
        public Path resolvePath(String path) {
            return Path.of(path).toAbsolutePath();
        }

        @Override
        public long seed() {
            return 0; // reading and writing files draws nothing
        }
    };

    /** {@code input} cut into about {@code count} splits in all (at least one per file). */
    static PredictionInput of(Path input, int count) {
        List<Path> files = files(input);
        List<SourceSplit> splits = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Schema schema = null;
        int perFile = Math.max(1, (count + files.size() - 1) / files.size());
        for (Path file : files) {
            String type = FileTypes.of(file).orElseThrow();
            Source source = source(type, file);
            if (schema == null) {
                schema = source.schema();
            } else if (!schema.equals(source.schema())) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "--input " + input + ": " + file.getFileName() + " has the columns " + source.schema()
                                + ", " + files.get(0).getFileName() + " " + schema
                                + "; every file of the folder must have the same.");
            }
            List<SourceSplit> cut = source.splits(perFile);
            if (cut.isEmpty()) {
                cut = List.of(new WholeFile(type, file.toString()));
            }
            for (SourceSplit split : cut) {
                splits.add(split);
                names.add(file.toString());
            }
        }
        return new PredictionInput(List.copyOf(splits), List.copyOf(names), schema);
    }

    private static List<Path> files(Path input) {
        if (!Files.isDirectory(input)) {
            if (!Files.isRegularFile(input)) {
                throw new QuiverException(ErrorCode.USAGE, "--input " + input + " does not exist.");
            }
            if (FileTypes.of(input).isEmpty()) {
                throw new QuiverException(
                        ErrorCode.USAGE,
                        "--input " + input + ": the file type is unknown; name it *.csv, *.arrow or *.parquet.");
            }
            return List.of(input);
        }
        try (Stream<Path> listed = Files.list(input)) {
            List<Path> files = listed.filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith(".") && !name.startsWith("_") && Files.isRegularFile(p);
                    })
                    .filter(p -> FileTypes.of(p).isPresent())
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new QuiverException(
                        ErrorCode.USAGE, "--input " + input + " holds no *.csv, *.arrow or *.parquet file.");
            }
            return files;
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, "Cannot list --input " + input + ": " + e.getMessage(), e);
        }
    }

    /** The {@code type} source plugin reading {@code file}, made as a pipeline's {@code source:} would be. */
    static Source source(String type, Path file) {
        return TaskPlugins.source(type)
                .create(
                        new DefaultsConfig(
                                "source", Map.of("path", file.toAbsolutePath().toString())),
                        FILES);
    }

    /** A file read whole by its source plugin, made again where the task runs. */
    record WholeFile(String type, String path) implements SourceSplit {
        private static final long serialVersionUID = 1L;

        @Override
        public BatchReader open(BufferAllocator allocator) {
            return source(type, Path.of(path)).open(allocator);
        }

        @Override
        public String describe() {
            return path;
        }
    }
}
