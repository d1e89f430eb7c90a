package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code QUIVER_MEMORY} (here its system-property twin) caps Arrow memory, and hitting it says so. */
class MemoryLimitCliTest {

    @TempDir
    Path temp;

    @AfterEach
    void clearLimit() {
        System.clearProperty("quiver.memory");
    }

    @Test
    void runningIntoTheArrowLimitIsADataErrorNamingTheLimitAndTheStage() throws IOException {
        StringBuilder area = new StringBuilder();
        StringBuilder price = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            area.append(i == 0 ? "" : ", ").append(i).append(".0");
            price.append(i == 0 ? "" : ", ").append(2 * i).append(".0");
        }
        Path pipeline = Files.writeString(temp.resolve("big.yaml"), """
                version: 1
                name: big
                source: {type: memory, columns: {area: [%s], price: [%s]}}
                columns: {features: [area], target: price}
                model: {type: mean}
                evaluate: [mse]
                output: {dir: runs/big}
                """.formatted(area, price));
        System.setProperty("quiver.memory", "8k");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                new String[] {"run", pipeline.toString()},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, code, message);
        assertTrue(message.startsWith("Arrow memory limit 8k reached in stage '"), message);
        assertTrue(message.strip().endsWith("raise QUIVER_MEMORY."), message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
        assertFalse(Files.exists(temp.resolve("runs/big")), "no half-written run");
    }
}
