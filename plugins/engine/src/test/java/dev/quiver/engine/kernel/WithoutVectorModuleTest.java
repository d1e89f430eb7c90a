package dev.quiver.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link Matmul}'s kernel choice in a child JVM started without {@code --add-modules jdk.incubator.vector}
 * (this module's surefire JVM has it): the scalar kernel is chosen and one warning names the flag.
 */
class WithoutVectorModuleTest {

    /** The child JVM's entry point: prints the kernel in use, twice, to show the warning is logged once. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println(Matmul.kernelName());
            System.out.println(Matmul.kernelName());
        }
    }

    @Test
    void warnsOnceNamingTheFlagAndUsesTheScalarKernel() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        List.of(java, "-cp", System.getProperty("java.class.path"), Child.class.getName()))
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, child.exitValue(), err);
        assertEquals("scalar\nscalar\n", out.replace("\r", ""));
        assertEquals(1, count(err, "--add-modules jdk.incubator.vector"), err);
        assertEquals(1, count(err, "2.5e-7"), err);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
