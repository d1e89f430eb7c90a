package dev.quiver.runtime.exec.internal;

import dev.quiver.runtime.bundle.FileDigest;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.pipeline.Pipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The content of a run's {@code run.json}: what makes it reproducible and comparable. The resolved pipeline's
 * SHA-256 (of pipeline.yaml as saved), the size and SHA-256 of every data file the source names, Quiver's version
 * and git commit (from the build: {@code quiver-build.properties} and {@code quiver-commit.txt}), the JVM, OS,
 * cores and heap, the matrix kernel, the seed, and when the run started and how long it took. Stateless; the run's
 * thread.
 *
 * <p>Data files are found without asking the source plugin: every text value under {@code source:} that,
 * resolved as the plugin resolves paths (against the pipeline file's folder), names an existing file, a folder
 * (its files, recursively) or a glob in its last segment ({@code data/sales/*.parquet}). Each is hashed in blocks,
 * never read into memory whole; a source that reads no file (a database, a generator) records none.
 */
final class RunFacts {

    private static final String UNKNOWN = "unknown";

    private RunFacts() {}

    static Map<String, Object> of(Pipeline pipeline, RunTarget target, int resumedEpoch) {
        Instant finished = Instant.now();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("format", 1);
        facts.put("id", target.id().orElse(null));
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("name", pipeline.name());
        about.put("file", pipeline.file().toAbsolutePath().normalize().toString());
        about.put(
                "sha256",
                FileDigest.sha256(RunBundle.yaml(pipeline.output().document()).getBytes(StandardCharsets.UTF_8)));
        facts.put("pipeline", about);
        facts.put("started", target.started().toString());
        facts.put("finished", finished.toString());
        facts.put("seconds", Duration.between(target.started(), finished).toNanos() / 1e9);
        facts.put("seed", pipeline.seed());
        if (resumedEpoch > 0) {
            facts.put("resumedFromEpoch", resumedEpoch);
        }
        facts.put("data", target.dataFiles());
        facts.put("quiver", Map.of("version", build("version"), "commit", commit()));
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", Runtime.version().toString());
        jvm.put("vendor", System.getProperty("java.vendor", UNKNOWN));
        jvm.put("vm", System.getProperty("java.vm.name", UNKNOWN));
        facts.put("jvm", jvm);
        Map<String, Object> os = new LinkedHashMap<>();
        os.put("name", System.getProperty("os.name", UNKNOWN));
        os.put("version", System.getProperty("os.version", UNKNOWN));
        os.put("arch", System.getProperty("os.arch", UNKNOWN));
        facts.put("os", os);
        facts.put("cores", Runtime.getRuntime().availableProcessors());
        facts.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        facts.put("kernel", kernel());
        return facts;
    }

    /**
     * The engine's matrix kernel as it chooses it (dev.quiver.engine.kernel.Matmul, which the runtime cannot
     * depend on): the Vector API when the JVM has jdk.incubator.vector and -Dquiver.kernel=scalar is not set.
     */
    static String kernel() {
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return vector && !"scalar".equals(System.getProperty("quiver.kernel")) ? "vector" : "scalar";
    }

    /** The data files the source names, each with its size and SHA-256, in path order. */
    static List<Map<String, Object>> data(Pipeline pipeline) {
        Path base = pipeline.file().toAbsolutePath().normalize().getParent();
        TreeSet<Path> files = new TreeSet<>();
        if (base != null) {
            values(pipeline.output().document().get("source"), text -> files.addAll(filesNamed(base, text)));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Path file : files) {
            try {
                FileDigest digest = FileDigest.of(file, false);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("path", file.toString());
                entry.put("size", digest.size());
                entry.put("sha256", digest.sha256());
                out.add(entry);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot hash the data file " + file, e);
            }
        }
        return out;
    }

    private static void values(Object node, java.util.function.Consumer<String> each) {
        if (node instanceof String text) {
            each.accept(text);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> values(v, each));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> values(v, each));
        }
    }

    private static List<Path> filesNamed(Path base, String text) {
        if (text.isBlank() || text.contains("\n") || text.contains("\0")) {
            return List.of();
        }
        try {
            Path path = base.resolve(text).normalize();
            if (Files.isRegularFile(path)) {
                return List.of(path);
            }
            // a folder the pipeline's own folder is in ("/", "..") is no data set: never walk it
            if (Files.isDirectory(path) && !base.startsWith(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    return walk.filter(Files::isRegularFile).toList();
                }
            }
            Path folder = path.getParent();
            String name = String.valueOf(path.getFileName());
            if (folder != null && name.matches(".*[*?\\[{].*") && Files.isDirectory(folder)) {
                PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
                try (Stream<Path> entries = Files.list(folder)) {
                    return entries.filter(p -> glob.matches(p.getFileName()))
                            .filter(Files::isRegularFile)
                            .toList();
                }
            }
        } catch (java.nio.file.InvalidPathException | IOException e) {
            // not a path (a SQL query, a URL): nothing to record
        }
        return List.of();
    }

    private static String build(String key) {
        try (InputStream in = RunFacts.class.getResourceAsStream("/dev/quiver/runtime/quiver-build.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty(key, UNKNOWN);
            return value.startsWith("${") ? UNKNOWN : value;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    private static String commit() {
        try (InputStream in = RunFacts.class.getResourceAsStream("/dev/quiver/runtime/quiver-commit.txt")) {
            if (in == null) {
                return UNKNOWN;
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? UNKNOWN : text;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
