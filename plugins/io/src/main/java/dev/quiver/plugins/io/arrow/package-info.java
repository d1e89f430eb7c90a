/** The {@code arrow} source and sink: Arrow IPC files (random-access format) and streams. */
package dev.quiver.plugins.io.arrow;
