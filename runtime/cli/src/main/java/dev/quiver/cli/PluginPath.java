package dev.quiver.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the CLI looks for plugin folders, in this order: each {@code --plugin-dir}, each entry of
 * {@code QUIVER_PLUGIN_PATH} (separated by {@link File#pathSeparator}, empty entries skipped), then
 * {@code $QUIVER_HOME/plugins} (the distribution's folder, set by its launcher) when it exists. A folder named
 * explicitly must exist; the distribution's may be absent. Stateless.
 */
final class PluginPath {

    static final String PATH_VARIABLE = "QUIVER_PLUGIN_PATH";
    static final String HOME_VARIABLE = "QUIVER_HOME";

    private PluginPath() {}

    static List<Path> folders(List<Path> flags, Map<String, String> env) {
        List<Path> out = new ArrayList<>(flags);
        String path = env.get(PATH_VARIABLE);
        if (path != null) {
            for (String entry : path.split(File.pathSeparator, -1)) {
                if (!entry.isBlank()) {
                    out.add(Path.of(entry));
                }
            }
        }
        String home = env.get(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            Path plugins = Path.of(home, "plugins");
            if (Files.isDirectory(plugins)) {
                out.add(plugins);
            }
        }
        return out.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }
}
