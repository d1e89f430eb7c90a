package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code quiver plugins} over the real distribution: every bundled plugin is found and documents itself. */
class PluginsCommandTest {

    private record Result(int code, String out, String err) {}

    private static Result quiver(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listsEveryBundledFamily() {
        Result r = quiver("plugins");
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {
            "csv",
            "arrow",
            "synthetic",
            "standardize",
            "one-hot",
            "linear-regression",
            "mlp",
            "naive-bayes",
            "tribuo",
            "adam",
            "cross-entropy",
            "roc-auc"
        }) {
            assertTrue(r.out().contains("  " + name + " "), () -> name + " missing from:\n" + r.out());
        }
    }

    @Test
    void aTribuoTrainerIsATopicOfTheTribuoPlugin() {
        Result r = quiver("plugins", "tribuo", "random-forest");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("numMembers"), r.out());

        Result unknown = quiver("plugins", "tribuo", "randomforest");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("did you mean 'random-forest'"), unknown.err());
        assertTrue(!unknown.err().contains("\tat "), "no stack trace for a user mistake:\n" + unknown.err());
    }

    @Test
    void aPluginWithoutTopicsSaysSo() {
        Result r = quiver("plugins", "csv", "delimiter");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("documents no topics"), r.err());
    }
}
