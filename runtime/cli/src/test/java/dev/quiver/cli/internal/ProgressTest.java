package dev.quiver.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.model.EpochStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;

    private Progress progress(Progress.Style style) {
        return new Progress(err, style, () -> now);
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Epoch {@code n} after {@code seconds} of training, 1000 rows in 0.5 s. */
    private void epoch(Progress progress, int n, double seconds) {
        now = (long) (seconds * 1e9);
        progress.epochEnded(new EpochStats(n, 0.25, Double.NaN, Map.of(), 1000, 0.5, 0.01));
    }

    @Test
    void onATerminalOneLineIsRewrittenWithTheTimeLeftAndNotesEndIt() {
        Progress progress = progress(Progress.Style.LIVE);
        progress.trainingStarted(10);
        epoch(progress, 1, 2);
        epoch(progress, 2, 4);
        progress.note("early stopping after epoch 2");
        assertEquals(
                "\repoch 1/10  loss 0.250000  2,000 rows/s  18s left\u001b[K"
                        + "\repoch 2/10  loss 0.250000  2,000 rows/s  16s left\u001b[K"
                        + System.lineSeparator()
                        + "early stopping after epoch 2"
                        + System.lineSeparator(),
                text());
    }

    @Test
    void inALogShortTrainingPrintsNothingAndLongTrainingALineEveryTenSeconds() {
        Progress progress = progress(Progress.Style.PLAIN);
        progress.stageStarted("train");
        progress.trainingStarted(100);
        epoch(progress, 1, 3);
        epoch(progress, 2, 6);
        assertEquals("", text(), "nothing in the first ten seconds");
        epoch(progress, 3, 10.5);
        epoch(progress, 4, 14);
        epoch(progress, 5, 21);
        String[] lines = text().split(System.lineSeparator());
        assertEquals(2, lines.length, text());
        assertTrue(lines[0].startsWith("epoch 3/100"), lines[0]);
        assertTrue(lines[0].endsWith("5m40s left"), lines[0]);
        assertTrue(lines[1].startsWith("epoch 5/100"), lines[1]);
    }

    @Test
    void withJsonEveryEventIsOneObjectALine() throws Exception {
        Progress progress = progress(Progress.Style.JSON);
        progress.stageStarted("train");
        progress.trainingStarted(4);
        epoch(progress, 1, 1);
        progress.note("kept the parameters of epoch 1");
        progress.warn("the loss grew");
        String[] lines = text().split(System.lineSeparator());
        assertEquals(4, lines.length, text());
        ObjectMapper json = new ObjectMapper();
        assertEquals("train", json.readTree(lines[0]).get("stage").asText());
        JsonNode epoch = json.readTree(lines[1]);
        assertEquals("epoch", epoch.get("event").asText());
        assertEquals(1, epoch.get("epoch").asInt());
        assertEquals(4, epoch.get("epochs").asInt());
        assertEquals(0.25, epoch.get("trainLoss").asDouble());
        assertTrue(epoch.get("validationLoss").isNull());
        assertEquals(2000, epoch.get("rowsPerSecond").asDouble());
        assertEquals(3, epoch.get("secondsLeft").asDouble());
        assertEquals("note", json.readTree(lines[2]).get("event").asText());
        assertEquals("the loss grew", json.readTree(lines[3]).get("message").asText());
    }

    @Test
    void quietShowsOnlyWarnings() {
        Progress progress = progress(Progress.Style.QUIET);
        progress.stageStarted("train");
        progress.trainingStarted(3);
        epoch(progress, 1, 60);
        progress.note("early stopping");
        progress.warn("careful");
        assertEquals("warning: careful" + System.lineSeparator(), text());
    }
}
