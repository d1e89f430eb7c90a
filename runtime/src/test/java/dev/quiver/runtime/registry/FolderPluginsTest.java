package dev.quiver.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin folders: layout, class-loader isolation (two Guava versions), context loader, and located errors. */
class FolderPluginsTest {

    /** Guava 16, copied by the build; Quiver's own (through Guice) is 31, which no longer has toStringHelper. */
    private static final Path OLD_GUAVA = Path.of("target/isolation-deps/guava-16.0.1.jar");

    /** Uses Guava 16's Objects.toStringHelper (removed in 21) and reports whether the context loader is its own. */
    private static final String GUAVA16_DESCRIPTION = "com.google.common.base.Objects.toStringHelper(\"guava16\")"
            + ".add(\"tccl\", Thread.currentThread().getContextClassLoader() == getClass().getClassLoader())"
            + ".toString()";

    @TempDir
    Path dir;

    @Test
    void aPluginSubfolderRunsWithItsOwnGuavaAndContextLoader() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("plugins/old-guava"));
        PluginJars.build(
                bundle.resolve("old-guava-plugin.jar"),
                PluginJars.metricPlugin("com.acme.oldguava", "old_guava", GUAVA16_DESCRIPTION),
                "com.acme.oldguava.MetricPlugin\n",
                List.of(OLD_GUAVA));
        Files.copy(OLD_GUAVA, bundle.resolve(OLD_GUAVA.getFileName()));

        ServicePluginRegistry registry = ServicePluginRegistry.withPluginDirectories(List.of(dir.resolve("plugins")));

        ClassLoader before = Thread.currentThread().getContextClassLoader();
        assertEquals("guava16{tccl=true}", registry.metrics().get("old_guava").description());
        assertSame(before, Thread.currentThread().getContextClassLoader(), "the caller's context loader is restored");
        Class<?> quiversGuava = Class.forName("com.google.common.base.Objects");
        assertThrows(
                NoSuchMethodException.class,
                () -> quiversGuava.getMethod("toStringHelper", Object.class),
                "the runtime still sees its own Guava, without the method the plugin used");
        String origin = registry.origin("metric", "old_guava").orElseThrow();
        assertEquals(
                "com.acme.oldguava.MetricPlugin (old-guava-plugin.jar in plugin folder "
                        + bundle.toAbsolutePath().normalize() + ")",
                origin);
        String builtIn = registry.origin("model", "mean").orElseThrow();
        assertTrue(builtIn.endsWith("(test-classes)"), "class-path plugins keep their place: " + builtIn);
    }

    @Test
    void aSelfContainedJarIsAPluginToo() throws Exception {
        Path jar = PluginJars.build(
                dir.resolve("plugins/solo.jar"),
                PluginJars.metricPlugin("com.acme.solo", "solo", "\"alone\""),
                "com.acme.solo.MetricPlugin\n",
                List.of());
        ServicePluginRegistry registry = ServicePluginRegistry.withPluginDirectories(List.of(dir.resolve("plugins")));
        assertEquals("alone", registry.metrics().get("solo").description());
        assertEquals(
                "com.acme.solo.MetricPlugin (plugin jar " + jar.toAbsolutePath().normalize() + ")",
                registry.origin("metric", "solo").orElseThrow());
    }

    @Test
    void brokenPluginsAreReportedByJarAndTheOthersStillLoad() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginJars.build(
                plugins.resolve("good/good.jar"),
                PluginJars.metricPlugin("com.acme.good", "good", "\"fine\""),
                "com.acme.good.MetricPlugin\n",
                List.of());
        Path badEntry = PluginJars.build(
                plugins.resolve("bad-entry.jar"),
                PluginJars.metricPlugin("com.acme.bad", "bad", "\"x\""),
                "com.acme.bad.NoSuchPlugin\n",
                List.of());
        Path missing = PluginJars.build( // needs Guava 16 at construction but does not bundle it
                plugins.resolve("missing-dep/missing-dep.jar"),
                Map.of(
                        "com.acme.missing.MetricPlugin",
                        PluginJars.metricPlugin("com.acme.missing", "missing", "\"x\"")
                                .get("com.acme.missing.MetricPlugin")
                                .replace(
                                        "public String spiVersion()",
                                        "public MetricPlugin() { com.google.common.base.Objects.toStringHelper(this); }\n"
                                                + "  public String spiVersion()")),
                "com.acme.missing.MetricPlugin\n",
                List.of(OLD_GUAVA));
        Path old = PluginJars.build(
                plugins.resolve("old-spi.jar"),
                Map.of(
                        "com.acme.old.MetricPlugin",
                        PluginJars.metricPlugin("com.acme.old", "old", "\"x\"")
                                .get("com.acme.old.MetricPlugin")
                                .replace("return SpiVersion.CURRENT;", "return \"0.9\";")),
                "com.acme.old.MetricPlugin\n",
                List.of());
        Path duplicate = PluginJars.build(
                plugins.resolve("dup.jar"),
                PluginJars.metricPlugin("com.acme.dup", "mse", "\"x\""),
                "com.acme.dup.MetricPlugin\n",
                List.of());
        Files.createDirectories(plugins.resolve("empty"));

        ServicePluginRegistry registry =
                ServicePluginRegistry.load(ServicePluginRegistry.class.getClassLoader(), List.of(plugins));

        assertEquals("fine", registry.metrics().get("good").description());
        assertTrue(registry.metrics().containsKey("mse"), "the built-in mse stays");
        List<String> problems =
                registry.problems().stream().map(PluginProblem::toString).toList();
        assertEquals(5, problems.size(), String.join("\n", problems));
        assertHas(problems, "jar " + abs(badEntry), "com.acme.bad.NoSuchPlugin not found");
        assertHas(problems, "jar " + abs(missing), "NoClassDefFoundError: com/google/common/base/Objects");
        assertHas(problems, abs(old).toString(), "was built for SPI 0.9");
        assertHas(problems, abs(duplicate).toString(), "two plugins provide a metric named 'mse'");
        assertHas(problems, abs(plugins.resolve("empty")).toString(), "holds no jars");

        QuiverException strict = assertThrows(
                QuiverException.class, () -> ServicePluginRegistry.withPluginDirectories(List.of(plugins)));
        assertEquals(ErrorCode.CONFIG, strict.code());
        assertTrue(strict.getMessage().contains("jar " + abs(badEntry)), strict.getMessage());
    }

    @Test
    void aMissingFolderIsAConfigurationError() {
        Path nowhere = dir.resolve("nowhere");
        QuiverException e = assertThrows(
                QuiverException.class, () -> ServicePluginRegistry.withPluginDirectories(List.of(nowhere)));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("plugin folder " + nowhere + " does not exist"), e.getMessage());
    }

    private static Path abs(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static void assertHas(List<String> problems, String origin, String text) {
        assertTrue(
                problems.stream().anyMatch(p -> p.contains(origin) && p.contains(text)),
                "a problem naming " + origin + " and saying '" + text + "' in:\n" + String.join("\n", problems));
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
