package dev.quiver.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Plugin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles plugin sources against the api (and any extra jars) into a jar, as a third party would build one.
 * Shared with the CLI module's tests through the test-jar. Stateless.
 */
public final class PluginJars {

    private PluginJars() {}

    /** The api's classes folder or jar, as the test's class path has it. */
    public static Path apiLocation() {
        try {
            return Path.of(Plugin.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code jar} holding the compiled {@code sources} (class name to source text) and, when not null, a
     * {@code META-INF/services/dev.quiver.api.Plugin} of {@code services}.
     */
    public static Path build(Path jar, Map<String, String> sources, String services, List<Path> classpath)
            throws IOException {
        Path work = Files.createTempDirectory("quiver-plugin-src"); // outside the plugin folder, removed after
        try {
            compileAndJar(work, jar, sources, services, classpath);
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return jar;
    }

    private static void compileAndJar(
            Path work, Path jar, Map<String, String> sources, String services, List<Path> classpath)
            throws IOException {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = work.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file.toString());
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp"));
        List<String> cp = new ArrayList<>(List.of(apiLocation().toString()));
        classpath.forEach(p -> cp.add(p.toString()));
        args.add(String.join(java.io.File.pathSeparator, cp));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac.run(null, null, null, args.toArray(String[]::new)) == 0, "the test plugin compiles");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            if (services != null) {
                out.putNextEntry(new JarEntry("META-INF/services/" + Plugin.class.getName()));
                OutputStream o = out;
                o.write(services.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    /** A plugin class {@code pkg.NamePlugin} providing one metric {@code metric} whose description is {@code body}. */
    public static Map<String, String> metricPlugin(String pkg, String metric, String descriptionExpression) {
        String cls = pkg + ".MetricPlugin";
        String src = "package " + pkg + ";\n"
                + "import dev.quiver.api.*; import dev.quiver.api.config.Config; import dev.quiver.api.metric.*;\n"
                + "import java.util.List;\n"
                + "public final class MetricPlugin implements Plugin {\n"
                + "  public String spiVersion() { return SpiVersion.CURRENT; }\n"
                + "  public Iterable<MetricFactory> getMetricFactories() {\n"
                + "    return List.of(new MetricFactory() {\n"
                + "      public String name() { return \"" + metric + "\"; }\n"
                + "      public String description() { return " + descriptionExpression + "; }\n"
                + "      public Metric create(Config c, PluginContext x) { throw new UnsupportedOperationException(); }\n"
                + "    });\n"
                + "  }\n"
                + "}\n";
        return Map.of(cls, src);
    }
}
