/** Configured and fitted transforms behind the factories of {@code dev.quiver.plugins.transforms}; not API. */
package dev.quiver.plugins.transforms.internal;
