/**
 * Quiver embedded in an application: {@link dev.quiver.runtime.Quiver} loads and runs pipelines and serves trained
 * ones; {@link dev.quiver.runtime.internal.RuntimeModule} is the Guice wiring behind it. The sub-packages are its parts.
 */
package dev.quiver.runtime;
