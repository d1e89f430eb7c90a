/** Shared scoring helpers: class indices, confusion counts, ranked scores and option specs; not API. */
package dev.quiver.plugins.metrics.internal;
