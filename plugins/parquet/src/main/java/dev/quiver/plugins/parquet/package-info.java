/**
 * Parquet files as a source and a sink, read and written by Arrow's Dataset module (Arrow C++ behind JNI).
 *
 * <p>The source streams: one reader holds one batch of the file being scanned (plus Arrow C++'s read-ahead, in
 * native memory capped per reader), so {@code split: none} trains on files larger than memory.
 */
package dev.quiver.plugins.parquet;
