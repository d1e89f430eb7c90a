package dev.quiver.runtime.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Creates the root allocator in a child JVM started without {@code --add-opens=java.base/java.nio=ALL-UNNAMED}
 * (this module's surefire JVM has it): the failure is a {@link QuiverException} naming the flag.
 */
class WithoutArrowFlagTest {

    /** The child JVM's entry point: prints the exception's type and message; exit 5 if no exception came. */
    public static final class Child {
        public static void main(String[] args) {
            try {
                MemoryLimits.rootAllocator().close();
            } catch (QuiverException e) {
                System.out.println(e.getClass().getSimpleName() + " " + e.code() + ": " + e.getMessage());
                return;
            }
            System.exit(5);
        }
    }

    @Test
    void aMissingFlagIsAQuiverExceptionNamingIt() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        List.of(java, "-cp", System.getProperty("java.class.path"), Child.class.getName()))
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, child.exitValue(), out + err);
        assertTrue(out.startsWith("QuiverException USAGE: Arrow cannot access direct memory"), out + err);
        assertTrue(out.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), out);
    }
}
