package dev.quiver.runtime.testplugins;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Test source {@code memory}: a table written in the pipeline itself,
 * {@code source: {type: memory, columns: {x: [1, 2, 3], y: [2.0, 4.0, 6.0]}}}, yielded as one batch.
 */
public final class MemorySource implements SourceFactory {

    static final Option<Object> COLUMNS =
            Option.any("columns").required().describe("Column name to its list of values.");
    static final Option<String> COUNTER = Option.string("counter", "")
            .describe("A name under which opens() counts the readers opened on this source.");

    private static final Map<String, AtomicInteger> OPENS = new ConcurrentHashMap<>();

    /** How many readers were opened on the sources created with {@code counter: name}: passes over the data. */
    public static int opens(String name) {
        AtomicInteger count = OPENS.get(name);
        return count == null ? 0 : count.get();
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "A table written inline in the pipeline, for runtime tests.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(COLUMNS, COUNTER);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Source create(Config config, PluginContext context) {
        Object raw = config.get(COLUMNS);
        if (!(raw instanceof Map<?, ?> map)) {
            config.problem(COLUMNS.name(), "expected a mapping of column name to a list of values");
            return null;
        }
        Map<String, List<Object>> data = new LinkedHashMap<>();
        map.forEach((k, v) -> data.put(k.toString(), v instanceof List<?> l ? (List<Object>) l : List.of(v)));
        AtomicInteger opens = !config.get(COUNTER).isEmpty()
                ? OPENS.computeIfAbsent(config.get(COUNTER), k -> new AtomicInteger())
                : new AtomicInteger();
        return new Inline(new SmallTable(data), opens);
    }

    private record Inline(SmallTable table, AtomicInteger opens) implements Source {

        @Override
        public Schema schema() {
            return table.schema();
        }

        @Override
        public BatchReader open(BufferAllocator allocator) {
            opens.incrementAndGet();
            return table.reader(allocator);
        }

        @Override
        public OptionalLong rowCount() {
            return OptionalLong.of(table.rows());
        }

        @Override
        public String describe() {
            return "memory";
        }
    }
}
