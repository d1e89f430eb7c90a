package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Plugin;
import dev.quiver.api.QuiverException;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.runtime.exec.ExecTestComponents;
import dev.quiver.runtime.exec.Executor;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
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
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public Iterable<TransformFactory> getTransformFactories() {
            return List.of(ExecTestComponents.centerFactory());
        }
    }));

    @Test
    void aReloadedPipelinePredictsExactlyWhatTheTrainedOneDid(BufferAllocator allocator) throws Exception {
        TableData data = ExecTestComponents.numbers(60);
        RunResult run = new Executor(RunTelemetry.noop())
                .run(
                        ExecTestComponents.centeredMean(data, new SplitSpec(0.25, 0, false, 0), temp.resolve("run")),
                        RunOptions.defaults());

        FittedPipeline loaded = RunBundle.load(run.directory(), registry);

        assertEquals(run.fitted().features(), loaded.features());
        assertEquals(run.fitted().task(), loaded.task());
        assertEquals(run.fitted().inputSchema(), loaded.inputSchema());
        TableData input = data.without("price");
        try (VectorSchemaRoot batch = input.toRoot(allocator);
                VectorSchemaRoot expected = run.fitted().predict(batch, allocator);
                VectorSchemaRoot actual = loaded.predict(batch, allocator)) {
            assertEquals(
                    List.of("area", "prediction"),
                    actual.getSchema().getFields().stream()
                            .map(f -> f.getName())
                            .toList());
            assertEquals(expected.contentToTSVString(), actual.contentToTSVString());
            assertEquals(60, actual.getRowCount());
        }
    }

    @Test
    void predictIsSafeFromManyThreads(BufferAllocator allocator) throws Exception {
        TableData data = ExecTestComponents.numbers(200);
        RunResult run = new Executor(RunTelemetry.noop())
                .run(ExecTestComponents.centeredMean(data, SplitSpec.NONE, temp.resolve("run")), RunOptions.defaults());
        FittedPipeline loaded = RunBundle.load(run.directory(), registry);
        String expected;
        try (VectorSchemaRoot batch = data.toRoot(allocator);
                VectorSchemaRoot out = loaded.predict(batch, allocator)) {
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
        RunResult run = new Executor(RunTelemetry.noop())
                .run(ExecTestComponents.centeredMean(data, SplitSpec.NONE, temp.resolve("run")), RunOptions.defaults());
        try (VectorSchemaRoot batch = data.without("area").toRoot(allocator)) {
            QuiverException e =
                    assertThrows(QuiverException.class, () -> run.fitted().predict(batch, allocator));
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
        RunResult run = new Executor(RunTelemetry.noop())
                .run(
                        ExecTestComponents.centeredMean(
                                ExecTestComponents.numbers(10), SplitSpec.NONE, temp.resolve("run")),
                        RunOptions.defaults());
        Path model = run.directory().resolve(RunBundle.MODEL);
        Files.writeString(model, Files.readString(model).replace("\"mean\" :", "\"average\" :"));
        QuiverException e = assertThrows(QuiverException.class, () -> RunBundle.load(run.directory(), registry));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    private Path savedRun() {
        return new Executor(RunTelemetry.noop())
                .run(
                        ExecTestComponents.centeredMean(
                                ExecTestComponents.numbers(10), SplitSpec.NONE, temp.resolve("run")),
                        RunOptions.defaults())
                .directory();
    }

    private QuiverException loadFails(Path run) {
        QuiverException e = assertThrows(QuiverException.class, () -> RunBundle.load(run, registry));
        assertEquals(ErrorCode.DATA, e.code(), e.getMessage());
        return e;
    }

    @Test
    void theMarkerListsEveryFileWithItsFormatSizeAndChecksum() throws Exception {
        Path run = savedRun();
        com.fasterxml.jackson.databind.JsonNode marker = RunBundle.readJson(run.resolve(RunMarker.FILE));
        assertEquals(RunMarker.FORMAT, marker.path("format").asInt());
        assertEquals(RunMarker.QUIVER_VERSION, marker.path("quiver").asText());
        try (var files = Files.list(run)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals(RunMarker.FILE))
                    .toList()) {
                var entry = marker.path("files").path(file.getFileName().toString());
                assertEquals(Files.size(file), entry.path("size").asLong(), file.toString());
                assertEquals(1, entry.path("format").asInt(), file.toString());
                assertEquals(
                        java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(file))),
                        entry.path("sha256").asText(),
                        file.toString());
            }
        }
    }

    @Test
    void aRunWithoutItsMarkerIsRefusedWithAdviceToRunAgain() throws Exception {
        Path run = savedRun();
        Files.delete(run.resolve(RunMarker.FILE));
        QuiverException e = loadFails(run);
        assertTrue(
                e.getMessage().contains("has no quiver-run.json")
                        && e.getMessage().contains("older Quiver")
                        && e.getMessage().contains("Run the pipeline again"),
                e.getMessage());
    }

    @Test
    void aTruncatedFileIsADamagedRunNamingIt() throws Exception {
        Path run = savedRun();
        Path transforms = run.resolve(RunBundle.TRANSFORMS);
        byte[] bytes = Files.readAllBytes(transforms);
        Files.write(transforms, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        QuiverException e = loadFails(run);
        assertTrue(
                e.getMessage()
                        .contains("is damaged: transforms.json has " + bytes.length / 2 + " bytes where the "
                                + "run wrote " + bytes.length + " (truncated)"),
                e.getMessage());
    }

    @Test
    void anEditThatKeepsTheSizeIsStillADamagedRun() throws Exception {
        Path run = savedRun();
        Path schema = run.resolve(RunBundle.SCHEMA);
        String text = Files.readString(schema);
        assertTrue(text.contains("area"));
        Files.writeString(schema, text.replace("area", "aera"));
        QuiverException e = loadFails(run);
        assertTrue(e.getMessage().contains("schema.json was changed after the run wrote it"), e.getMessage());
    }

    @Test
    void aMissingFileIsADamagedRunNamingIt() throws Exception {
        Path run = savedRun();
        Files.delete(run.resolve(RunBundle.HISTORY));
        QuiverException e = loadFails(run);
        assertTrue(e.getMessage().contains("is damaged: history.csv is missing"), e.getMessage());
    }

    @Test
    void aMarkerOfAnUnknownFormatIsRefused() throws Exception {
        Path run = savedRun();
        Path marker = run.resolve(RunMarker.FILE);
        Files.writeString(marker, Files.readString(marker).replaceFirst("\"format\" : 1", "\"format\" : 9"));
        QuiverException e = loadFails(run);
        assertTrue(e.getMessage().contains("quiver-run.json has format version 9"), e.getMessage());
    }

    @Test
    void aMarkerNamingAFileOutsideTheRunIsADamagedRun() throws Exception {
        Path run = savedRun();
        Files.writeString(temp.resolve("outside.json"), "{}");
        Path marker = run.resolve(RunMarker.FILE);
        Files.writeString(marker, Files.readString(marker).replace("\"history.csv\"", "\"../outside.json\""));
        QuiverException e = loadFails(run);
        assertTrue(e.getMessage().contains("../outside.json is missing"), e.getMessage());
    }
}
