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
     * The loader {@code Quiver} uses: the class loader's plugins, then each folder's, each folder plugin in its own
     * child-first class loader ({@link ServicePluginRegistry#load}); any broken plugin fails the build of the
     * {@code Quiver}, naming its jar.
     */
    static PluginFolders standard() {
        return (folders, parent) -> ServicePluginRegistry.load(parent, folders).orThrow();
    }
}
