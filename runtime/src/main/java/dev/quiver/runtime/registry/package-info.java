/**
 * Plugin discovery: {@link dev.quiver.runtime.registry.ServicePluginRegistry} finds {@link dev.quiver.api.Plugin}s
 * with {@link java.util.ServiceLoader}, {@link dev.quiver.runtime.registry.internal.PluginModule} binds their factories for
 * Guice (plugins never see it), and {@link dev.quiver.runtime.registry.PluginCatalog} describes them for
 * {@code quiver plugins}.
 */
package dev.quiver.runtime.registry;
