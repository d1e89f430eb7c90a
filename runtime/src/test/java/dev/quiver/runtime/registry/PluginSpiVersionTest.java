package dev.quiver.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Plugin;
import dev.quiver.api.QuiverException;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.runtime.registry.internal.SpiVersionCheck;
import dev.quiver.runtime.testplugins.TestPlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin built against another SPI version is refused at discovery, naming the plugin class, its jar, the version it
 * was built for and the runtime's. The jars here are compiled and packed by the test itself, so the plugin really is
 * a separate jar found by {@link java.util.ServiceLoader}, as in a deployment.
 */
class PluginSpiVersionTest {

    /** Built for the next major SPI; lives in the test sources, so it comes from the test-classes folder. */
    public static final class NextMajorPlugin implements Plugin {
        @Override
        public String spiVersion() {
            return (SpiVersion.runtime().major() + 1) + ".0";
        }

        @Override
        public Iterable<MetricFactory> getMetricFactories() {
            return new TestPlugin().getMetricFactories();
        }
    }

    /** Built for a newer minor of this major, which may call what this runtime lacks. */
    public static final class NewerMinorPlugin implements Plugin {
        @Override
        public String spiVersion() {
            SpiVersion runtime = SpiVersion.runtime();
            return runtime.major() + "." + (runtime.minor() + 1);
        }
    }

    @Test
    void aPluginForAnotherMajorIsRefusedThroughServiceLoader(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Plugin.class.getName()), NextMajorPlugin.class.getName() + "\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            QuiverException e = assertThrows(QuiverException.class, () -> ServicePluginRegistry.discover(loader));
            assertEquals(ErrorCode.CONFIG, e.code());
            assertTrue(
                    e.getMessage()
                            .contains("plugin " + NextMajorPlugin.class.getName() + " (test-classes) was built"
                                    + " for SPI 2.0 but this Quiver implements SPI " + SpiVersion.CURRENT),
                    e.getMessage());
            assertFalse(
                    e.getMessage().contains("two plugins provide"),
                    "a refused plugin's factories are not registered: " + e.getMessage());
        }
    }

    @Test
    void aNewerMinorIsRefusedAndTheMessageStatesTheRule() {
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> ServicePluginRegistry.of(List.of(new TestPlugin(), new NewerMinorPlugin())));
        SpiVersion runtime = SpiVersion.runtime();
        assertTrue(
                e.getMessage()
                        .contains("was built for SPI " + runtime.major() + "." + (runtime.minor() + 1)
                                + " but this Quiver implements SPI " + runtime),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("a plugin runs when built for SPI " + runtime.major() + ".x with x <= "
                                + runtime.minor()),
                e.getMessage());
    }

    @Test
    void aPluginJarBuiltForAnotherVersionIsRefusedNamingTheJar(@TempDir Path dir) throws Exception {
        Path classes = compile(dir.resolve("future"), "com.example.FuturePlugin", """
                package com.example;
                public final class FuturePlugin implements dev.quiver.api.Plugin {
                    @Override public String spiVersion() { return "7.3"; }
                    @Override public Iterable<dev.quiver.api.metric.MetricFactory> getMetricFactories() {
                        return new dev.quiver.runtime.testplugins.TestPlugin().getMetricFactories();
                    }
                }
                """);
        Path jar = jar(classes, dir.resolve("future-metrics-1.0.jar"), "com.example.FuturePlugin");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            QuiverException e = assertThrows(QuiverException.class, () -> ServicePluginRegistry.discover(loader));
            assertTrue(
                    e.getMessage()
                            .contains("plugin com.example.FuturePlugin (future-metrics-1.0.jar) was built for"
                                    + " SPI 7.3 but this Quiver implements SPI " + SpiVersion.CURRENT),
                    e.getMessage());
        }
    }

    @Test
    void aPluginBuiltBeforeSpiVersionsIsRefused(@TempDir Path dir) throws Exception {
        // compiled against an api whose Plugin had no spiVersion(), then run against this one
        Path classes = compile(dir.resolve("old"), "com.example.OldPlugin", """
                package com.example;
                public final class OldPlugin implements dev.quiver.api.Plugin {
                    @Override public Iterable<String> getNames() { return java.util.List.of("old"); }
                }
                """, "dev.quiver.api.Plugin", """
                package dev.quiver.api;
                public interface Plugin {
                    default Iterable<String> getNames() { return java.util.List.of(); }
                }
                """);
        Path jar = jar(classes, dir.resolve("old-plugin.jar"), "com.example.OldPlugin");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            QuiverException e = assertThrows(QuiverException.class, () -> ServicePluginRegistry.discover(loader));
            assertTrue(
                    e.getMessage()
                            .contains("plugin com.example.OldPlugin (old-plugin.jar) was built for an SPI"
                                    + " before 1.0 (it does not declare spiVersion()); this Quiver implements SPI "
                                    + SpiVersion.CURRENT),
                    e.getMessage());
        }
    }

    @Test
    void aPluginForThisVersionIsAccepted() {
        ServicePluginRegistry registry = ServicePluginRegistry.of(List.of(new TestPlugin()));
        assertTrue(registry.metrics().containsKey("mse"));
        assertTrue(SpiVersionCheck.problem(new TestPlugin(), "t").isEmpty());
    }

    /** Compiles {@code name}'s source (and any further name/source pairs) into {@code out}, against this classpath. */
    private static Path compile(Path out, String... namesAndSources) throws IOException, URISyntaxException {
        Path src = out.resolve("src");
        Path classes = out.resolve("classes");
        Files.createDirectories(classes);
        String[] args = new String[namesAndSources.length / 2 + 4];
        args[0] = "-d";
        args[1] = classes.toString();
        args[2] = "-cp";
        // the stub api source (if any) comes first on the source path, so it shadows the real Plugin
        args[3] = String.join(java.io.File.pathSeparator, location(Plugin.class), location(TestPlugin.class));
        for (int i = 0; i < namesAndSources.length; i += 2) {
            Path file = src.resolve(namesAndSources[i].replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, namesAndSources[i + 1]);
            args[4 + i / 2] = file.toString();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args), "the test plugin compiles");
        return classes;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    /** A jar of {@code plugin}'s class with its {@code META-INF/services} entry, as a plugin's build makes it. */
    private static Path jar(Path classes, Path jar, String plugin) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + Plugin.class.getName()));
            out.write((plugin + "\n").getBytes(StandardCharsets.UTF_8));
            String path = plugin.replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(path));
            out.write(Files.readAllBytes(classes.resolve(path)));
        }
        return jar;
    }
}
