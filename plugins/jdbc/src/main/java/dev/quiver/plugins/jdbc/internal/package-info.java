/** The jdbc plugin's connection handling, type mapping, batch reading and message redaction. Not API. */
package dev.quiver.plugins.jdbc.internal;
