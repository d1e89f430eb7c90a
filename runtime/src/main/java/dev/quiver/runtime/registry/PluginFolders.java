package dev.quiver.runtime.registry;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.pipeline.PluginRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns plugin folders (each holding one subfolder of jars, or one self-contained jar, per plugin) plus the
 * plugins visible to a parent class loader into a {@link PluginRegistry}. This is the seam between
 * {@code Quiver.builder().pluginDirectories(...)}, which only stores and passes the folders on, and the
 * plugin-folder loader of this package, which owns the class loading. Implementations are thread-safe.
 */
@FunctionalInterface
public interface PluginFolders {

    /**
     * The registry of the plugins {@code parent} sees plus those in {@code folders} (in order).
     *
     * @throws QuiverException ({@link ErrorCode#CONFIG}) naming the jar of every plugin that cannot be loaded
     */
    PluginRegistry registry(List<Path> folders, ClassLoader parent);

    /**
     * The loader {@code Quiver} uses. Until plugin-folder loading lands, only the class loader's plugins: any
     * folder is refused with a clear message rather than silently ignored.
     */
    static PluginFolders standard() {
        return (folders, parent) -> {
            if (!folders.isEmpty()) {
                throw new QuiverException(
                        ErrorCode.CONFIG,
                        "Plugin folders " + folders + " were given, but this Quiver cannot load plugins from"
                                + " folders yet; put the plugin jars on the class path instead.");
            }
            return ServicePluginRegistry.discover(parent);
        };
    }
}
