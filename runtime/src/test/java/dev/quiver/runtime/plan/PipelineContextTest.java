package dev.quiver.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PipelineContextTest {

    private final Path base = Path.of("/pipelines/house").toAbsolutePath();

    @Test
    void relativePathsResolveAgainstThePipelineFolderAndAbsoluteOnesAreKept() {
        PipelineContext context = new PipelineContext(base, 42);
        assertEquals(base.resolve("data/h.csv"), context.resolvePath("data/h.csv"));
        assertEquals(base.getParent().resolve("shared/h.csv"), context.resolvePath("../shared/h.csv"));
        Path absolute = Path.of("/tmp/x.csv").toAbsolutePath();
        assertEquals(absolute, context.resolvePath(absolute.toString()));
    }
}
