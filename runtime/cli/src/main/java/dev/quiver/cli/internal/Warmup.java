package dev.quiver.cli.internal;

import java.lang.reflect.Array;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Loads and initialises, on a second core, the libraries every command reaches a little later on the main thread:
 * Guice's first injector, SnakeYAML's loader and Arrow's {@code Schema} (whose static initialiser builds a Jackson
 * {@code ObjectMapper}, about 90 ms). The main thread meanwhile parses the command line and finds the plugins;
 * when it gets to these classes they are loaded already, or it waits on the class-initialisation lock for the
 * rest of the work rather than doing it twice.
 *
 * <p>Started once, by {@code Main.main} only (not by in-process {@code execute} calls, which run in a warm JVM).
 * A daemon: it never keeps the process alive. Any failure here is ignored, because the main thread loads the same
 * classes and reports problems itself.
 */
public final class Warmup {

    private Warmup() {}

    /** Starts the warm-up thread and returns at once. */
    public static void start() {
        Thread thread = new Thread(Warmup::run, "quiver-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            ClassLoader loader = Warmup.class.getClassLoader();
            Class.forName("org.apache.arrow.vector.types.pojo.Schema", true, loader);
            new Load(LoadSettings.builder().build()).loadFromString("warm: [up]");
            // By name: the command line has no compile-time use of Guice, which the runtime wires itself.
            Class<?> module = Class.forName("com.google.inject.Module", true, loader);
            Class.forName("com.google.inject.Guice", true, loader)
                    .getMethod("createInjector", Array.newInstance(module, 0).getClass())
                    .invoke(null, Array.newInstance(module, 0));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // ignored: see the class comment
        }
    }
}
