package dev.quiver.plugins.io.csv.internal;

import java.io.Serializable;

/**
 * The records of a CSV file between two record boundaries, {@code [start, end)}, and the line {@code start} is on:
 * one split of the file ({@link RecordSplits} finds the boundaries, outside quoted fields). Immutable.
 *
 * @param start the first byte, 0 or just after a record's end
 * @param end the byte after the last, just after a record's end or the file's end ({@link Long#MAX_VALUE}: to the end)
 * @param firstLine the 1-based line {@code start} is on (for exact error lines)
 */
public record ByteRange(long start, long end, long firstLine) implements Serializable {

    private static final long serialVersionUID = 1L;
}
