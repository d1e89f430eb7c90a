package dev.quiver.runtime.exec.internal;

import dev.quiver.runtime.exec.ExecutionEngine;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The execution engines on the class path, by name: found with {@link ServiceLoader} through the runtime's own
 * class loader and the thread's context loader (spark-submit puts an application's {@code --jars} on the latter).
 * Looked up at each call, so a test or an application that adds a jar sees it; there are one or two engines.
 * Stateless; any thread.
 */
public final class Engines {

    /**
     * Engines Quiver ships as optional modules, with what to add when one is asked for but absent. Only the names
     * live here: the runtime never links to an engine's classes.
     */
    public static final Map<String, String> KNOWN = Map.of(
            "spark",
            "the quiver-runtime-spark jar (built with ./mvnw -Pspark -pl runtime/spark -am package) and Apache Spark"
                    + " 4.1 (spark-core_2.13, provided by spark-submit or a cluster) on the class path; under"
                    + " spark-submit pass it with --jars");

    private Engines() {}

    /** Every engine found, by name (the first found wins for a repeated name). */
    public static Map<String, ExecutionEngine> available() {
        Map<String, ExecutionEngine> found = new TreeMap<>();
        collect(Engines.class.getClassLoader(), found);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != Engines.class.getClassLoader()) {
            collect(context, found);
        }
        return found;
    }

    public static Optional<ExecutionEngine> find(String name) {
        return Optional.ofNullable(available().get(name));
    }

    private static void collect(ClassLoader loader, Map<String, ExecutionEngine> found) {
        for (ExecutionEngine engine : ServiceLoader.load(ExecutionEngine.class, loader)) {
            found.putIfAbsent(engine.name(), engine);
        }
    }
}
