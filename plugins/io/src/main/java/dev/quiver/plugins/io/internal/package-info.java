/** Helpers shared by the io plugin's sources and sinks (atomic output files, I/O error messages). Not API. */
package dev.quiver.plugins.io.internal;
