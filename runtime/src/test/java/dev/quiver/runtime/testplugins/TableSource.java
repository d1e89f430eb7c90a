package dev.quiver.runtime.testplugins;

import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Test source {@code table}: a small comma-separated file with a header (no quoting), read whole on first use.
 * Types are inferred as by {@link SmallTable}.
 */
public final class TableSource implements SourceFactory {

    static final Option<String> PATH = Option.string("path", null).required().describe("The file to read.");

    @Override
    public String name() {
        return "table";
    }

    @Override
    public String description() {
        return "A small comma-separated file, for runtime tests.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(PATH);
    }

    @Override
    public Source create(Config config, PluginContext context) {
        return new TableFile(context.resolvePath(config.get(PATH)));
    }

    private static final class TableFile implements Source {

        private final Path file;

        TableFile(Path file) {
            this.file = file;
        }

        private SmallTable read() {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw QuiverException.data(file.toString(), 0, null, "file not found");
            } catch (IOException e) {
                throw QuiverException.data(file.toString(), 0, null, "cannot read: " + e.getMessage());
            }
            if (lines.isEmpty()) {
                throw QuiverException.data(file.toString(), 1, null, "no header line");
            }
            String[] header = lines.get(0).split(",", -1);
            Map<String, List<Object>> data = new LinkedHashMap<>();
            for (String name : header) {
                data.put(name.trim(), new ArrayList<>());
            }
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String[] cells = lines.get(i).split(",", -1);
                if (cells.length != header.length) {
                    throw QuiverException.data(
                            file.toString(),
                            i + 1,
                            null,
                            "expected " + header.length + " cells, found " + cells.length);
                }
                for (int c = 0; c < cells.length; c++) {
                    data.get(header[c].trim()).add(SmallTable.parse(cells[c]));
                }
            }
            return new SmallTable(data);
        }

        @Override
        public Schema schema() {
            return read().schema();
        }

        @Override
        public BatchReader open(BufferAllocator allocator) {
            return read().reader(allocator);
        }

        @Override
        public OptionalLong rowCount() {
            return OptionalLong.empty();
        }

        @Override
        public String describe() {
            return file.toString();
        }
    }
}
