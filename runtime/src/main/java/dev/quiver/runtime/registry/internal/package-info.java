/**
 * How plugin folders are read and isolated, not API: {@link dev.quiver.runtime.registry.internal.PluginFolders}
 * finds one bundle per subfolder or jar, {@link dev.quiver.runtime.registry.internal.PluginClassLoader} loads each
 * bundle child-first, and {@link dev.quiver.runtime.registry.internal.ContextLoaderProxy} sets the thread context
 * class loader while the runtime calls into a bundle.
 */
package dev.quiver.runtime.registry.internal;
