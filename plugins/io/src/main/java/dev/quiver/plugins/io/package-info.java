/**
 * Quiver's io plugin: where data comes from ({@code csv}, {@code arrow}, {@code synthetic} sources) and where
 * it goes ({@code csv}, {@code arrow} sinks). See the module's README for every option.
 */
package dev.quiver.plugins.io;
