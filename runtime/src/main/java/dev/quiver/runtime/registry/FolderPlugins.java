package dev.quiver.runtime.registry;

import dev.quiver.api.Plugin;
import dev.quiver.runtime.registry.internal.PluginClassLoader;
import dev.quiver.runtime.registry.internal.PluginFolders.Bundle;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Loads the plugins of one folder bundle in its own {@link PluginClassLoader}, turning every packaging mistake
 * into a {@link PluginProblem} that names the jar (a services entry naming a missing class, a class whose
 * dependency is missing, a plugin that cannot be instantiated, a bundle with no plugin at all). Stateless.
 */
final class FolderPlugins {

    static final String SERVICES = "META-INF/services/" + Plugin.class.getName();

    /** A folder plugin, where it came from, and the loader calls into it must run under. */
    record Loaded(Plugin plugin, String origin, ClassLoader loader) {}

    private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)");

    /** At most this many services entries per bundle: a guard against an iterator that never advances. */
    private static final int MAX_ENTRIES = 10_000;

    private FolderPlugins() {}

    static List<Loaded> load(Bundle bundle, ClassLoader runtime, List<PluginProblem> problems) {
        String where = "plugin folder entry " + bundle.location();
        List<Loaded> out = new ArrayList<>();
        if (bundle.jars().isEmpty()) {
            problems.add(new PluginProblem(where, "holds no jars; a plugin subfolder holds the plugin's jars"));
            return out;
        }
        List<Path> declaring =
                bundle.jars().stream().filter(jar -> services(jar) != null).toList();
        if (declaring.isEmpty()) {
            problems.add(new PluginProblem(
                    where,
                    "no jar in it declares a plugin: none holds " + SERVICES
                            + " (a fat jar built without merging service files loses it)"));
            return out;
        }
        PluginClassLoader loader =
                new PluginClassLoader(bundle.location().getFileName().toString(), bundle.urls(), runtime);
        Iterator<Plugin> it = ServiceLoader.load(Plugin.class, loader).iterator();
        for (int i = 0; i < MAX_ENTRIES; i++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                Plugin plugin = it.next();
                out.add(new Loaded(plugin, origin(plugin, bundle), loader));
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(new PluginProblem(culprit(e, declaring, bundle), explain(e)));
            }
        }
        return out;
    }

    /** The class, its jar and the bundle: {@code com.acme.AcmePlugin (acme.jar in plugin folder /opt/p/acme)}. */
    private static String origin(Plugin plugin, Bundle bundle) {
        String name = plugin.getClass().getName();
        CodeSource source = plugin.getClass().getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        String jar = location == null
                ? "?"
                : Path.of(location.getPath()).getFileName().toString();
        return bundle.jars().size() == 1 && bundle.jars().get(0).equals(bundle.location())
                ? name + " (plugin jar " + bundle.location() + ")"
                : name + " (" + jar + " in plugin folder " + bundle.location() + ")";
    }

    /** The jar whose services file names the provider in the error, else every jar declaring plugins. */
    private static String culprit(Throwable e, List<Path> declaring, Bundle bundle) {
        Matcher m = PROVIDER.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            String provider = m.group(1);
            for (Path jar : declaring) {
                String listed = services(jar);
                if (listed != null && listed.lines().map(String::strip).anyMatch(provider::equals)) {
                    return "jar " + jar;
                }
            }
        }
        return declaring.size() == 1 ? "jar " + declaring.get(0) : "plugin folder entry " + bundle.location();
    }

    private static String explain(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (message != null && message.contains("not found")) {
            return message + ": " + SERVICES + " names a class the plugin's jars do not hold; fix the entry or"
                    + " add the jar that holds it";
        }
        if (e instanceof LinkageError || cause instanceof LinkageError) {
            Throwable missing = e instanceof LinkageError ? e : cause;
            return message + " (" + missing + "): a class the plugin needs is in none of its jars; bundle the"
                    + " dependency beside the plugin's jar (only the Quiver api and Arrow come from Quiver)";
        }
        return message + (cause == null ? "" : " (" + cause + ")");
    }

    /** The services file's text, or null when the jar has none (or cannot be read: the loader will say why). */
    private static String services(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(SERVICES);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return null;
        }
    }
}
