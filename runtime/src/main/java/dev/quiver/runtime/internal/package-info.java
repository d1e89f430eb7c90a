/**
 * The runtime's Guice wiring, not API: {@link dev.quiver.runtime.internal.RuntimeModule} binds what
 * {@link dev.quiver.runtime.Quiver} builds its loader and executor from. Internal so that a host's Guice version
 * never meets a Quiver type in its signatures.
 */
package dev.quiver.runtime.internal;
