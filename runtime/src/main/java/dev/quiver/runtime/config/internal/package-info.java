/** YAML events to located config nodes: limits, {@code ${VAR}} interpolation, node conversion; not API. */
package dev.quiver.runtime.config.internal;
