package dev.quiver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import dev.quiver.testing.LeakCheckExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link Quiver.Builder}'s settings, pipelines from YAML text, and {@link RunResult}'s typed metrics. */
@ExtendWith(LeakCheckExtension.class)
class QuiverBuilderTest {

    private static final String HOUSES = """
            version: 1
            name: houses
            source: {type: memory, columns: {area: [80.0, 100.0], price: [130.0, 150.0]}}
            columns: {features: [area], target: price}
            model: {type: mean}
            evaluate: [mse]
            output: {dir: out}
            """;

    @TempDir
    Path temp;

    @Test
    void aPipelineFromYamlTextRunsLikeAFileInItsBaseFolderWithTypedMetrics(BufferAllocator allocator) {
        try (Quiver quiver = Quiver.builder().allocator(allocator).build()) {
            Pipeline pipeline = quiver.pipeline(HOUSES, temp);
            RunResult run = quiver.run(pipeline);

            assertEquals(temp.resolve("out"), run.directory(), "output.dir resolves against the base folder");
            assertEquals(100.0, run.metric("mse"), 1e-12, "mean 140: errors 10 and -10");
            assertEquals(Map.of("mse", 100.0), run.scores());
            assertEquals(run.metric("train", "mse"), run.metric("mse"));
            QuiverException missing = assertThrows(QuiverException.class, () -> run.metric("accuracy"));
            assertTrue(missing.getMessage().contains("'accuracy'")
                    && missing.getMessage().contains("[mse]"));

            assertEquals(
                    140.0,
                    run.fitted().predict(List.of(Map.of("area", 90))).get(0).value());
            FittedPipeline loaded = quiver.loadModel(run.directory());
            assertEquals(140.0, loaded.predict(new double[][] {{120.0}}).get(0).value());
        }
    }

    @Test
    void aRunAllocatesFromAChildOfTheGivenRootAndReturnsAllOfIt(BufferAllocator allocator) {
        try (Quiver quiver = Quiver.builder().allocator(allocator).build()) {
            assertEquals(0, allocator.getPeakMemoryAllocation());
            quiver.run(quiver.pipeline(HOUSES, temp));

            assertTrue(allocator.getPeakMemoryAllocation() > 0, "the run's batches came from the host's root");
            assertEquals(0, allocator.getAllocatedMemory(), "and its child was closed, returning everything");
            assertEquals(List.of(), List.copyOf(allocator.getChildAllocators()), "no child outlives the run");
        }
    }

    @Test
    void aMistakeInYamlTextIsLocatedInTheText() {
        try (Quiver quiver = Quiver.create()) {
            QuiverException e = assertThrows(
                    QuiverException.class,
                    () -> quiver.pipeline(HOUSES.replace("model: {type: mean}", "model: {}"), temp));
            assertEquals(ErrorCode.CONFIG, e.code());
            assertTrue(e.getMessage().contains("<yaml>:5:"), e.getMessage());
        }
    }

    @Test
    void aGivenAllocatorStaysOpenAndTheOwnOneIsClosed(BufferAllocator allocator) {
        Quiver borrowed = Quiver.builder().allocator(allocator).build();
        borrowed.close();
        assertEquals(0, allocator.getAllocatedMemory());
        try (BufferAllocator child = allocator.newChildAllocator("still open", 0, 1024)) {
            assertEquals(1024, child.getLimit(), "the given root was not closed");
        }
        Quiver own = Quiver.create();
        own.close();
        own.close(); // closing twice is harmless, as Arrow's allocators allow
    }

    @Test
    void pluginFoldersAndTheClassLoaderArePassedToThePluginFolderLoader() {
        List<Object> seen = new ArrayList<>();
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {};
        List<Path> folders = List.of(temp.resolve("a"), temp.resolve("b"));
        try (Quiver quiver = Quiver.builder()
                .classLoader(loader)
                .pluginDirectories(folders.get(0), folders.get(1))
                .pluginFolders((given, parent) -> {
                    seen.add(given);
                    seen.add(parent);
                    return ServicePluginRegistry.discover(parent);
                })
                .build()) {
            assertEquals(List.of(folders, loader), seen);
            assertTrue(quiver.registry().models().containsKey("mean"), "the class loader's plugins");
        }
    }

    @Test
    void pluginFoldersAreLoadedAndABrokenPluginInThemIsRefusedNamingIt() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("plugins"));
        try (Quiver quiver = Quiver.builder().pluginDirectories(folder).build()) {
            assertTrue(quiver.registry().models().containsKey("mean"), "the class path's plugins beside the folder");
        }
        Files.createDirectories(folder.resolve("empty-plugin"));
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> Quiver.builder().pluginDirectories(folder).build());
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("empty-plugin"), e.getMessage());
    }

    @Test
    void theRowPathOfAPipelineBuiltByHandNeedsAnAllocatorFirst(BufferAllocator allocator) {
        try (Quiver quiver = Quiver.builder().allocator(allocator).build()) {
            FittedPipeline run = quiver.run(quiver.pipeline(HOUSES, temp)).fitted();
            FittedPipeline byHand = new FittedPipeline(
                    run.name(),
                    run.inputSchema(),
                    run.features(),
                    run.target(),
                    run.task(),
                    run.classes(),
                    run.transforms(),
                    run.model());
            double[][] rows = {{1.0}};
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> byHand.predict(rows));
            assertTrue(e.getMessage().contains("servedFrom"), e.getMessage());
            assertEquals(
                    140.0, byHand.servedFrom(allocator).predict(rows).get(0).value());
        }
    }
}
