package dev.quiver.plugins.io.csv;

import dev.quiver.api.data.Source;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.SourceConformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceConformanceTest extends SourceConformance {

    @TempDir
    Path dir;

    @Override
    protected Source source() {
        try {
            Files.writeString(dir.resolve("t.csv"), """
                    id,score,name,ok
                    1,0.5,ann,true
                    2,,"bo, b",false
                    3,-1e3,NA,
                    4,2.25,"line
                    break",true
                    5,7,"",false
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MapConfig config = new MapConfig("source", Map.of("path", "t.csv", "batchSize", 2));
        Source source = new CsvSourceFactory().create(config, new TestContext(dir, 1L));
        config.assertNoProblems();
        return source;
    }

    @Override
    protected Optional<List<List<Object>>> expectedRows() {
        return Optional.of(List.of(
                Arrays.asList(1L, 0.5, "ann", true),
                Arrays.asList(2L, null, "bo, b", false),
                Arrays.asList(3L, -1000.0, null, null),
                Arrays.asList(4L, 2.25, "line\nbreak", true),
                Arrays.asList(5L, 7.0, "", false)));
    }
}
