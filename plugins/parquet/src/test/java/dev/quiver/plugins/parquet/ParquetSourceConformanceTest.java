package dev.quiver.plugins.parquet;

import dev.quiver.api.data.Source;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SourceConformance;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The parquet source over files DuckDB wrote: one file in several row groups, and a glob over two files. */
class ParquetSourceConformanceTest {

    static final List<List<Object>> ROWS = List.of(
            Arrays.asList(1L, 0.5, "a"),
            Arrays.asList(2L, null, "b"),
            Arrays.asList(3L, 3.5, null),
            Arrays.asList(4L, -1.0, "d"),
            Arrays.asList(5L, 0.0, "e"));

    static final String TABLE = "SELECT * FROM (VALUES (1::BIGINT, 0.5::DOUBLE, 'a'), (2, NULL, 'b'), (3, 3.5, NULL),"
            + " (4, -1.0, 'd'), (5, 0.0, 'e')) t(id, v, s)";

    static Source source(Path dir, String path) {
        MapConfig config = new MapConfig("source", Map.of("path", path, "batchSize", 2));
        Source source = new ParquetSourceFactory().create(config, new TestContext(dir, 1L));
        config.assertNoProblems();
        return source;
    }

    @Nested
    class OneFileInRowGroups extends SourceConformance {
        @TempDir
        Path dir;

        @Override
        protected Source source() {
            DuckDb.write(dir.resolve("t.parquet"), TABLE + " ORDER BY id", 3);
            return ParquetSourceConformanceTest.source(dir, "t.parquet");
        }

        @Override
        protected Optional<List<List<Object>>> expectedRows() {
            return Optional.of(ROWS);
        }
    }

    @Nested
    class GlobOverTwoFiles extends SourceConformance {
        @TempDir
        Path dir;

        @Override
        protected Source source() {
            // Written in the "wrong" order, to show that files are read in path order, not creation order.
            DuckDb.write(dir.resolve("part-2.parquet"), TABLE + " WHERE id > 3 ORDER BY id", 100);
            DuckDb.write(dir.resolve("part-1.parquet"), TABLE + " WHERE id <= 3 ORDER BY id", 100);
            return ParquetSourceConformanceTest.source(dir, "part-*.parquet");
        }

        @Override
        protected Optional<List<List<Object>>> expectedRows() {
            return Optional.of(ROWS);
        }
    }
}
