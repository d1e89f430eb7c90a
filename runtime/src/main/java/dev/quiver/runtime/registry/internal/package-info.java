/**
 * How plugin folders are read and isolated, not API: {@link dev.quiver.runtime.registry.internal.PluginFolders}
 * finds one bundle per subfolder or jar, {@link dev.quiver.runtime.registry.internal.PluginClassLoader} loads each
 * bundle child-first, and {@link dev.quiver.runtime.registry.internal.ContextLoaderProxy} sets the thread context
 * class loader while the runtime calls into a bundle. {@link dev.quiver.runtime.registry.internal.PluginModule} binds
 * the registry and its catalog for Guice, kept here so that no API type exposes Guice.
 */
package dev.quiver.runtime.registry.internal;
