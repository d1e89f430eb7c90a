/** The {@code csv} source (streamed, byte-level parsing, type inference) and the {@code csv} sink. */
package dev.quiver.plugins.io.csv;
