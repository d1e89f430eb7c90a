package dev.quiver.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quiver.api.model.TrainingSetup;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PipelineContextTest {

    private final Path base = Path.of("/pipelines/house").toAbsolutePath();

    @Test
    void relativePathsResolveAgainstThePipelineFolderAndAbsoluteOnesAreKept() {
        PipelineContext context = new PipelineContext(base, 42, null);
        assertEquals(base.resolve("data/h.csv"), context.resolvePath("data/h.csv"));
        assertEquals(base.getParent().resolve("shared/h.csv"), context.resolvePath("../shared/h.csv"));
        Path absolute = Path.of("/tmp/x.csv").toAbsolutePath();
        assertEquals(absolute, context.resolvePath(absolute.toString()));
    }

    @Test
    void trainingIsOfferedToModelFactoriesOnly() {
        PipelineContext context = new PipelineContext(base, 7, null);
        assertThrows(UnsupportedOperationException.class, context::training);
        TrainingSetup setup = TestContext.training(MapConfig.of("epochs", 3), null, null);
        PipelineContext forModel = context.withTraining(setup);
        assertSame(setup, forModel.training());
        assertEquals(7, forModel.seed());
    }
}
