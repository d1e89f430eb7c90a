/**
 * A validated, planned pipeline: what the loader ({@code dev.quiver.runtime.config}) hands the executor
 * ({@code dev.quiver.runtime.exec}). Everything here has been checked; nothing here has read data beyond the
 * sources' schemas.
 */
package dev.quiver.runtime.pipeline;
