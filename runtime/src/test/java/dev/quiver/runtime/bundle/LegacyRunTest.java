package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving a single run an older Quiver saved at {@code output.dir} into a history survives a kill at every step:
 * the migration is stopped after each one, leaving what a kill there leaves, and the next open must end with the
 * run, unchanged, under its id, {@code LATEST} naming it and nothing staged beside.
 */
class LegacyRunTest {

    /** When the run was saved: its marker's time, as a run without run.json has no start time of its own. */
    private static final Instant SAVED = Instant.parse("2026-11-20T08:30:00Z");

    /** The id the run gets begins with that time; a random suffix follows. */
    private static final String ID_PREFIX = "20261120T083000Z-";

    @TempDir
    Path temp;

    /** A complete run folder as an older Quiver wrote it: the four model files, a marker, no run.json. */
    private Path legacyRun() throws IOException {
        Path dir = temp.resolve("runs/houses");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(RunBundle.PIPELINE), "version: 1\nname: houses\n");
        Files.writeString(dir.resolve(RunBundle.SCHEMA), "{\"fields\": []}");
        Files.writeString(dir.resolve(RunBundle.TRANSFORMS), "[]");
        Files.writeString(dir.resolve(RunBundle.MODEL), "{\"type\": \"mean\", \"weights\": [1, 2, 3]}");
        RunMarker.write(dir, Set.of());
        Files.setLastModifiedTime(dir.resolve(RunMarker.FILE), FileTime.from(SAVED));
        assertTrue(LegacyRun.isLegacy(dir));
        return dir;
    }

    private static final class Killed extends RuntimeException {
        Killed(String step) {
            super("killed after " + step);
        }
    }

    @TestFactory
    Stream<DynamicTest> aMigrationKilledAfterAnyStepIsFinishedByTheNextOpen() {
        return Stream.of(LegacyRun.STAGED, LegacyRun.MOVED, LegacyRun.LATEST_WRITTEN)
                .map(step -> DynamicTest.dynamicTest("killed after " + step, () -> killedAfter(step)));
    }

    private void killedAfter(String step) throws IOException {
        AtomicDirectory.deleteRecursively(temp.resolve("runs"));
        Path dir = legacyRun();
        byte[] model = Files.readAllBytes(dir.resolve(RunBundle.MODEL));
        Killed killed = assertThrows(Killed.class, () -> LegacyRun.migrate(dir, killAt(step)));
        assertEquals("killed after " + step, killed.getMessage());
        assertEquals(1, staged().size(), "the kill left a staged history: " + staged());

        List<String> notes = new ArrayList<>();
        try (RunHistory history = RunHistory.open(dir, notes::add)) {
            assertEquals(dir.toRealPath(), history.dir());
        }
        assertMigrated(dir, model);
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("Moved the single run in " + dir.toRealPath()), notes.toString());
    }

    @Test
    void aMigrationKilledWhileWritingLatestIsFinishedAndItsTemporaryDeleted() throws IOException {
        Path dir = legacyRun();
        byte[] model = Files.readAllBytes(dir.resolve(RunBundle.MODEL));
        assertThrows(
                Killed.class,
                () -> LegacyRun.migrate(dir, reached -> {
                    if (reached.equals(LegacyRun.MOVED)) {
                        try {
                            // what writeLatest leaves when killed before its rename: the temporary, and no LATEST
                            Path staging = staged().get(0);
                            Files.writeString(
                                    staging.resolve("." + RunHistory.LATEST + ".tmp-" + ID_PREFIX + "0"), "2026");
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                        throw new Killed(reached);
                    }
                }));
        RunHistory.open(dir).close();
        assertMigrated(dir, model);
    }

    @Test
    void aRecoveryKilledInTurnIsFinishedByTheOpenAfterIt() throws IOException {
        Path dir = legacyRun();
        byte[] model = Files.readAllBytes(dir.resolve(RunBundle.MODEL));
        assertThrows(Killed.class, () -> LegacyRun.migrate(dir, killAt(LegacyRun.MOVED)));
        assertThrows(Killed.class, () -> LegacyRun.migrate(dir, killAt(LegacyRun.LATEST_WRITTEN)));
        assertFalse(Files.exists(dir), "the recovery was killed before its last rename too");
        RunHistory.open(dir).close();
        assertMigrated(dir, model);
    }

    private static Consumer<String> killAt(String step) {
        return reached -> {
            if (reached.equals(step)) {
                throw new Killed(reached);
            }
        };
    }

    @Test
    void aFinishedMigrationIsAHistoryThatTheNextOpenLeavesAlone() throws IOException {
        Path dir = legacyRun();
        String id = LegacyRun.migrate(dir).orElseThrow();
        assertTrue(id.startsWith(ID_PREFIX), id);
        List<String> notes = new ArrayList<>();
        RunHistory.open(dir, notes::add).close();
        assertEquals(List.of(), notes, "nothing more to move");
        assertEquals(Optional.of(id), RunHistory.latest(dir));
    }

    private void assertMigrated(Path dir, byte[] model) throws IOException {
        assertTrue(RunHistory.isHistory(dir), dir + " is a history");
        List<String> runs = RunHistory.runs(dir);
        assertEquals(1, runs.size(), "one run, moved once: " + runs);
        String id = runs.get(0);
        assertTrue(id.startsWith(ID_PREFIX), id + " is named by when the run was saved");
        assertEquals(Optional.of(id), RunHistory.latest(dir));
        assertEquals(id + "\n", Files.readString(dir.resolve(RunHistory.LATEST), StandardCharsets.UTF_8));
        RunMarker.verify(dir.resolve(id));
        assertArrayEquals(model, Files.readAllBytes(dir.resolve(id).resolve(RunBundle.MODEL)), "moved unchanged");
        assertEquals(List.of(), staged(), "nothing staged beside the history");
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names =
                    entries.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(id, RunHistory.LATEST), names, "no run files or temporaries left at the top");
        }
    }

    private List<Path> staged() throws IOException {
        try (Stream<Path> entries = Files.list(temp.resolve("runs"))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".houses.migrating-"))
                    .toList();
        }
    }
}
