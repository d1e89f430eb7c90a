package dev.quiver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.runtime.registry.PluginJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plugin-dir}, {@code QUIVER_PLUGIN_PATH} and {@code $QUIVER_HOME/plugins} through the command line. */
class PluginDirCliTest {

    @TempDir
    Path temp;

    record Result(int code, String out, String err) {}

    private static Result quiver(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path plugin(Path folder, String pkg, String metric) throws IOException {
        return PluginJars.build(
                folder.resolve(metric + "/" + metric + ".jar"),
                PluginJars.metricPlugin(pkg, metric, "\"" + metric + " from a folder\""),
                pkg + ".MetricPlugin\n",
                List.of());
    }

    @Test
    void everyPluginSourceIsReadAndListedWithWhereItCameFrom() throws IOException {
        Path flag = temp.resolve("flag");
        Path pathA = temp.resolve("path-a");
        Path home = temp.resolve("home");
        plugin(flag, "com.acme.flag", "flag_metric");
        plugin(pathA, "com.acme.patha", "path_metric");
        plugin(home.resolve("plugins"), "com.acme.home", "home_metric");

        Result r = quiver(
                Map.of("QUIVER_PLUGIN_PATH", pathA + java.io.File.pathSeparator, "QUIVER_HOME", home.toString()),
                "plugins",
                "--plugin-dir",
                flag.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out().contains("flag_metric  flag_metric from a folder  [" + flag.resolve("flag_metric") + "]"),
                r.out());
        assertTrue(r.out().contains("path_metric from a folder  [" + pathA.resolve("path_metric") + "]"), r.out());
        assertTrue(
                r.out().contains("home_metric from a folder  [" + home.resolve("plugins/home_metric") + "]"), r.out());
        assertFalse(r.out().contains("broken plugins"), r.out());

        Result one = quiver(Map.of(), "--plugin-dir", flag.toString(), "plugins", "flag_metric");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("from com.acme.flag.MetricPlugin (flag_metric.jar in plugin folder "), one.out());
    }

    @Test
    void aBrokenPluginIsListedWithItsJarAndOtherCommandsRefuseNamingIt() throws IOException {
        Path plugins = temp.resolve("plugins");
        plugin(plugins, "com.acme.good", "good_metric");
        Path bad = PluginJars.build(
                plugins.resolve("bad.jar"),
                PluginJars.metricPlugin("com.acme.bad", "bad_metric", "\"x\""),
                "com.acme.bad.Misspelled\n",
                List.of());

        Result list = quiver(Map.of(), "plugins", "--plugin-dir", plugins.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("good_metric"), list.out());
        assertTrue(list.out().contains("mse"), "built-in plugins are listed too:\n" + list.out());
        assertTrue(list.out().contains("broken plugins"), list.out());
        assertTrue(list.out().contains("jar " + bad), list.out());
        assertTrue(list.out().contains("com.acme.bad.Misspelled not found"), list.out());

        Path pipeline = Files.writeString(temp.resolve("p.yaml"), "name: p\n");
        Result validate = quiver(Map.of(), "validate", pipeline.toString(), "--plugin-dir", plugins.toString());
        assertEquals(2, validate.code(), validate.out());
        assertTrue(validate.err().contains("Plugin discovery failed"), validate.err());
        assertTrue(validate.err().contains("jar " + bad), validate.err());
        assertFalse(validate.err().contains("\tat "), "no stack trace for a packaging mistake:\n" + validate.err());
    }

    @Test
    void aMissingPluginFolderIsAUsageErrorNamingIt() {
        Path nowhere = temp.resolve("nowhere");
        Result r = quiver(Map.of(), "plugins", "--plugin-dir", nowhere.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("plugin folder " + nowhere + " does not exist"), r.err());
    }
}
