/** The parquet plugin's file listing, type mapping, scanning and spooled writing. Not API. */
package dev.quiver.plugins.parquet.internal;
