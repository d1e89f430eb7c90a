/**
 * Test support shared by every Quiver module and offered to plugin authors: leak-checked allocators, the
 * bundled datasets, Arrow batch builders, a map-backed {@link dev.quiver.api.config.Config}, and (in
 * {@code conformance}) the behaviour every plugin of a kind must show.
 */
package dev.quiver.testing;
