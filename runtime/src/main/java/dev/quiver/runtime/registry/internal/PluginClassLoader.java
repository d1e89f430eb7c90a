package dev.quiver.runtime.registry.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * One plugin bundle's class loader: child-first, so a plugin's own Guava, Jackson or Tribuo wins over Quiver's,
 * except for the packages that must be one class on both sides of the boundary (the Quiver api, so the runtime
 * can call the plugin's factories, and Arrow, so batches cross it), which come from the runtime's loader. Everything
 * else the bundle does not hold comes from the platform loader (the JDK), never from the runtime's class path: a
 * plugin that forgets to bundle a library fails with a missing class naming its jar instead of silently running
 * against Quiver's copy. Resources follow the same rule, so {@code META-INF/services} lists only the bundle's own
 * plugins. As {@code ClassLoader}s are, thread-safe; the registry that made it keeps it open for the process.
 */
public final class PluginClassLoader extends URLClassLoader {

    /** Packages (and the JDK's) loaded parent-first: one class for Quiver and every plugin. */
    static final List<String> SHARED_PREFIXES =
            List.of("dev.quiver.api.", "org.apache.arrow.", "java.", "javax.", "jdk.", "sun.", "com.sun.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader runtime;
    private final String bundle;

    /**
     * @param bundle the bundle's name, for {@link #toString} (and so for error messages)
     * @param jars the bundle's jars
     * @param runtime the loader of the Quiver api and Arrow (the runtime's)
     */
    public PluginClassLoader(String bundle, List<URL> jars, ClassLoader runtime) {
        super("plugin:" + bundle, jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        this.runtime = runtime;
        this.bundle = bundle;
    }

    static boolean shared(String name) {
        for (String prefix : SHARED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A class name as a resource path's prefix ({@code dev/quiver/api/}), for resources of shared packages. */
    private static boolean sharedResource(String path) {
        return shared(path.replace('/', '.'));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (shared(name)) {
                    loaded = runtime.loadClass(name);
                } else {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException mine) {
                        loaded = getParent().loadClass(name); // the JDK's modules
                    }
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        if (sharedResource(name)) {
            return runtime.getResource(name);
        }
        URL mine = findResource(name);
        return mine != null ? mine : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> out = new ArrayList<>();
        if (sharedResource(name)) {
            out.addAll(Collections.list(runtime.getResources(name)));
        } else {
            out.addAll(Collections.list(findResources(name)));
            out.addAll(Collections.list(getParent().getResources(name)));
        }
        return Collections.enumeration(out);
    }

    @Override
    public String toString() {
        return "PluginClassLoader[" + bundle + "]";
    }
}
