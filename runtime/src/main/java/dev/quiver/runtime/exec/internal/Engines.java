package dev.quiver.runtime.exec.internal;

import dev.quiver.runtime.exec.ExecutionEngine;
import dev.quiver.runtime.exec.PredictionEngine;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The execution engines (and prediction engines) on the class path, by name: found with {@link ServiceLoader} through the runtime's own
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
        return available(ExecutionEngine.class, ExecutionEngine::name);
    }

    public static Optional<ExecutionEngine> find(String name) {
        return Optional.ofNullable(available().get(name));
    }

    /** The prediction engine named {@code name} ({@code quiver predict --engine}), found as execution engines are. */
    public static Optional<PredictionEngine> predictor(String name) {
        return Optional.ofNullable(
                available(PredictionEngine.class, PredictionEngine::name).get(name));
    }

    private static <T> Map<String, T> available(Class<T> service, Function<T, String> name) {
        Map<String, T> found = new TreeMap<>();
        collect(service, Engines.class.getClassLoader(), name, found);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != Engines.class.getClassLoader()) {
            collect(service, context, name, found);
        }
        return found;
    }

    private static <T> void collect(
            Class<T> service, ClassLoader loader, Function<T, String> name, Map<String, T> found) {
        for (T engine : ServiceLoader.load(service, loader)) {
            found.putIfAbsent(name.apply(engine), engine);
        }
    }
}
