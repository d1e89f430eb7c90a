package dev.quiver.plugins.io.csv.internal;

import dev.quiver.plugins.io.internal.IoFailures;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte ranges of a CSV file that each hold whole records, for a distributed engine's splits. Whether a newline
 * ends a record or sits inside a quoted field depends on every byte before it, so the boundaries are found by one
 * sequential scan on the driver with the local reader's own {@link ChunkSplitter} (the tokenizer's quote rules,
 * its line counting): the file is walked in chunks of whole records of at most {@code min(size / (8 count), 2
 * MiB)} bytes, and consecutive chunks are grouped into {@code count} ranges of about equal size. Each range then knows its
 * exact first line, so a task neither searches for a boundary nor counts the lines before its range. The price is
 * one read of the file on the driver (at disk speed; a quote- and CR-free chunk takes a word-at-a-time path).
 * Stateless.
 */
public final class RecordSplits {

    /** Chunks per range at least, so that each range ends within an eighth of its share of the bytes. */
    private static final int PER_RANGE = 8;

    private RecordSplits() {}

    /**
     * {@code count} ranges (some empty when the file has fewer records than that) covering the file in order.
     *
     * @throws dev.quiver.api.QuiverException (DATA) for a quote never closed, naming its line
     */
    public static List<ByteRange> of(Path path, CsvReadOptions options, int count) {
        try (FileChannel channel = FileChannel.open(path)) {
            long size = channel.size();
            int chunk = (int) Math.max(1, Math.min(ChunkSplitter.CHUNK_BYTES, size / ((long) count * PER_RANGE)));
            ChunkSplitter splitter =
                    new ChunkSplitter(channel, path.toString(), options.delimiter(), options.quote(), chunk);
            List<ByteRange> ranges = new ArrayList<>(count);
            long start = 0;
            long firstLine = 1;
            long offset = 0;
            for (ChunkSplitter.RawChunk c = splitter.next(); c != null; c = splitter.next()) {
                if (c.failure() != null) {
                    throw c.failure();
                }
                // A range ends before the first chunk that starts past its share of the bytes.
                while (ranges.size() < count - 1 && offset > start && offset >= size * (ranges.size() + 1) / count) {
                    ranges.add(new ByteRange(start, offset, firstLine));
                    start = offset;
                    firstLine = c.firstLine();
                }
                offset += c.length();
            }
            ranges.add(new ByteRange(start, size, firstLine));
            while (ranges.size() < count) {
                ranges.add(new ByteRange(size, size, firstLine)); // fewer records than ranges: the rest read none
            }
            return ranges;
        } catch (IOException e) {
            throw IoFailures.reading(path, e);
        }
    }
}
