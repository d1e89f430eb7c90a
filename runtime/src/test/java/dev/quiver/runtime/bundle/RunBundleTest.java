package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Plugin;
import dev.quiver.api.QuiverException;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.runtime.exec.Executor;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.exec.ExecTestComponents;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import dev.quiver.runtime.telemetry.RunTelemetry;
import dev.quiver.runtime.testplugins.TestPlugin;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.TableData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheckExtension.class)
class RunBundleTest {

    @TempDir
    Path temp;

    private final PluginRegistry registry = ServicePluginRegistry.of(List.of(new TestPlugin(), new Plugin() {
        @Override
        public Iterable<TransformFactory> getTransformFactories() {
            return List.of(ExecTestComponents.centerFactory());
        }
    }));

    @Test
    void aReloadedPipelinePredictsExactlyWhatTheTrainedOneDid(BufferAllocator allocator) throws Exception {
        TableData data = ExecTestComponents.numbers(60);
        RunResult run = new Executor(RunTelemetry.noop()).run(ExecTestComponents.centeredMean(data,
                new SplitSpec(0.25, 0, false, 0), temp.resolve("run")), RunOptions.defaults());

        FittedPipeline loaded = RunBundle.load(run.directory(), registry);

        assertEquals(run.fitted().features(), loaded.features());
        assertEquals(run.fitted().task(), loaded.task());
        assertEquals(run.fitted().inputSchema(), loaded.inputSchema());
        TableData input = data.without("price");
        try (VectorSchemaRoot batch = input.toRoot(allocator);
                VectorSchemaRoot expected = run.fitted().predict(batch, allocator);
                VectorSchemaRoot actual = loaded.predict(batch, allocator)) {
            assertEquals(List.of("area", "prediction"), actual.getSchema().getFields().stream()
                    .map(f -> f.getName()).toList());
            assertEquals(expected.contentToTSVString(), actual.contentToTSVString());
            assertEquals(60, actual.getRowCount());
        }
    }

    @Test
    void predictIsSafeFromManyThreads(BufferAllocator allocator) throws Exception {
        TableData data = ExecTestComponents.numbers(200);
        RunResult run = new Executor(RunTelemetry.noop()).run(ExecTestComponents.centeredMean(data, SplitSpec.NONE,
                temp.resolve("run")), RunOptions.defaults());
        FittedPipeline loaded = RunBundle.load(run.directory(), registry);
        String expected;
        try (VectorSchemaRoot batch = data.toRoot(allocator); VectorSchemaRoot out = loaded.predict(batch, allocator)) {
            expected = out.contentToTSVString();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    try (BufferAllocator mine = allocator.newChildAllocator("t", 0, Long.MAX_VALUE);
                            VectorSchemaRoot batch = data.toRoot(mine);
                            VectorSchemaRoot out = loaded.predict(batch, mine)) {
                        return out.contentToTSVString();
                    }
                }));
            }
            for (Future<String> f : results) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aMissingFeatureColumnIsADataErrorNamingIt(BufferAllocator allocator) {
        TableData data = ExecTestComponents.numbers(10);
        RunResult run = new Executor(RunTelemetry.noop()).run(ExecTestComponents.centeredMean(data, SplitSpec.NONE,
                temp.resolve("run")), RunOptions.defaults());
        try (VectorSchemaRoot batch = data.without("area").toRoot(allocator)) {
            QuiverException e = assertThrows(QuiverException.class, () -> run.fitted().predict(batch, allocator));
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(e.getMessage().contains("no column 'area'"), e.getMessage());
        }
    }

    @Test
    void aFolderThatIsNotARunIsADataError() throws Exception {
        Files.createDirectories(temp.resolve("empty"));
        QuiverException e = assertThrows(QuiverException.class, () -> RunBundle.load(temp.resolve("empty"), registry));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("is not a Quiver run"), e.getMessage());
    }

    @Test
    void aDamagedModelFileIsADataError() throws Exception {
        RunResult run = new Executor(RunTelemetry.noop()).run(ExecTestComponents.centeredMean(
                ExecTestComponents.numbers(10), SplitSpec.NONE, temp.resolve("run")), RunOptions.defaults());
        Path model = run.directory().resolve(RunBundle.MODEL);
        Files.writeString(model, Files.readString(model).replace("\"mean\" :", "\"average\" :"));
        QuiverException e = assertThrows(QuiverException.class, () -> RunBundle.load(run.directory(), registry));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
}
