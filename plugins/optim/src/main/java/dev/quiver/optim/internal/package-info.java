/** Helpers the optim packages share; not API. */
package dev.quiver.optim.internal;
