/**
 * Quiver's service-provider interface: the one contract between the runtime and every plugin.
 *
 * <p>A plugin jar names an implementation of {@link dev.quiver.api.Plugin} in
 * {@code META-INF/services/dev.quiver.api.Plugin}. The runtime asks it for named factories, one getter per
 * extension kind; each factory turns a validated {@link dev.quiver.api.config.Config} and a
 * {@link dev.quiver.api.PluginContext} into a configured component. Data moves between components as Arrow
 * {@link org.apache.arrow.vector.VectorSchemaRoot}s, allocated from allocators the runtime hands out.
 *
 * <p>Ownership rule of thumb: whoever allocates closes. A method that returns a root or a reader hands its
 * ownership to the caller; a method that receives one borrows it for the duration of the call.
 */
package dev.quiver.api;
