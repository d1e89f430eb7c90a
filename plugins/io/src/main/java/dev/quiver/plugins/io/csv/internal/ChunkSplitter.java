package dev.quiver.plugins.io.csv.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Cuts a CSV file into chunks of whole records, so that each can be split and parsed on its own thread, and knows
 * the line each chunk starts on, so that every error and {@code BatchReader.line(row)} stays exact.
 *
 * <p>A cut must not fall inside a quoted field, whose newlines belong to the field. Whether a newline is inside
 * quotes depends on everything before it, so this scan is sequential: it runs the tokenizer's own rules (a quote
 * is special only at the start of a field; {@code ""} inside quotes is one quote) as a four-state automaton over
 * every byte, counting lines as the tokenizer does (LF, CRLF and a lone CR each end a line; a CR inside quotes is
 * data). A chunk without any quote or CR, the usual numeric file, takes a word-at-a-time path that only counts
 * LFs. Chunk sizes do not depend on the thread count, so neither do the results. Not thread-safe; the caller owns
 * the channel.
 */
final class ChunkSplitter {

    /** A run of whole records: {@code data[0, length)}, starting on {@code firstLine}; or a failure at that point. */
    record RawChunk(
            byte[] data, int length, long firstLine, boolean startOfFile, boolean last, QuiverException failure) {}

    static final int CHUNK_BYTES = 1 << 21;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;
    private static final long ONES = 0x0101010101010101L;

    private static final int START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;

    private final ReadableByteChannel in;
    private final String file;
    private final byte delimiter;
    private final byte quote;
    private final int chunkBytes;

    /** Bytes read after the last cut, carried into the next chunk. */
    private byte[] carry = new byte[0];

    private int carryLength;
    private long nextLine = 1;
    private boolean first = true;
    private boolean eof;
    private boolean done;

    // Set by scan(): where the last record boundary is (-1 if none) and how many lines end before it.
    private int cut;
    private long linesBeforeCut;

    ChunkSplitter(ReadableByteChannel in, String file, byte delimiter, byte quote, int chunkBytes) {
        this(in, file, delimiter, quote, chunkBytes, 1, true);
    }

    /**
     * A splitter over part of a file that begins on a record boundary: {@code firstLine} is the line the part
     * starts on, {@code startOfFile} false when the part does not start the file (no header, no byte-order mark).
     */
    ChunkSplitter(
            ReadableByteChannel in,
            String file,
            byte delimiter,
            byte quote,
            int chunkBytes,
            long firstLine,
            boolean startOfFile) {
        this.in = in;
        this.file = file;
        this.delimiter = delimiter;
        this.quote = quote;
        this.chunkBytes = chunkBytes;
        this.nextLine = firstLine;
        this.first = startOfFile;
    }

    /** The next chunk, or null after the last one. */
    RawChunk next() {
        if (done) {
            return null;
        }
        byte[] buf = new byte[Math.max(chunkBytes, carryLength * 2)];
        System.arraycopy(carry, 0, buf, 0, carryLength);
        int length = carryLength;
        while (true) {
            length = fill(buf, length);
            long firstLine = nextLine;
            boolean startOfFile = first;
            if (eof) {
                done = true;
                carryLength = 0;
                return length == 0 && !startOfFile
                        ? null
                        : new RawChunk(buf, length, firstLine, startOfFile, true, null);
            }
            scan(buf, length);
            if (cut > 0) {
                carryLength = length - cut;
                if (carry.length < carryLength) {
                    carry = new byte[Math.max(carryLength, 1 << 16)];
                }
                System.arraycopy(buf, cut, carry, 0, carryLength);
                nextLine += linesBeforeCut;
                first = false;
                return new RawChunk(buf, cut, firstLine, startOfFile, false, null);
            }
            if (length >= CsvTokenizer.MAX_RECORD_BYTES) {
                done = true;
                return new RawChunk(
                        buf,
                        0,
                        firstLine,
                        startOfFile,
                        true,
                        QuiverException.data(
                                file,
                                firstLine,
                                null,
                                "a record starting on this line is longer than " + (CsvTokenizer.MAX_RECORD_BYTES >> 20)
                                        + " MiB; is a quote left unclosed?"));
            }
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, CsvTokenizer.MAX_RECORD_BYTES + chunkBytes));
        }
    }

    private int fill(byte[] buf, int length) {
        try {
            while (length < buf.length) {
                int n = in.read(ByteBuffer.wrap(buf, length, buf.length - length));
                if (n < 0) {
                    eof = true;
                    break;
                }
                length += n;
            }
            return length;
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, file + ": cannot read the file (" + e.getMessage() + ").", e);
        }
    }

    /** Finds the last record boundary in {@code b[0, length)}, which starts at one. */
    void scan(byte[] b, int length) {
        if (!scanPlain(b, length)) {
            scanQuoteAware(b, length);
        }
    }

    /** The fast path: true (with the cut set) if no byte is a quote or a CR, so that every LF ends a record. */
    private boolean scanPlain(byte[] b, int length) {
        long quotes = ONES * (quote & 0xFF);
        long crs = ONES * '\r';
        long lfs = ONES * '\n';
        long lines = 0;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long word = (long) LONGS.get(b, i);
            if ((matches(word, quotes) | matches(word, crs)) != 0) {
                return false;
            }
            lines += Long.bitCount(matches(word, lfs));
        }
        for (; i < length; i++) {
            byte c = b[i];
            if (c == quote || c == '\r') {
                return false;
            }
            if (c == '\n') {
                lines++;
            }
        }
        int last = length - 1;
        while (last >= 0 && b[last] != '\n') {
            last--;
        }
        cut = last + 1;
        linesBeforeCut = lines; // no LF follows the last one
        return true;
    }

    /** The high bit of each byte of {@code word} that equals the byte repeated in {@code pattern}, exactly. */
    private static long matches(long word, long pattern) {
        long x = word ^ pattern;
        return ~(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN);
    }

    private void scanQuoteAware(byte[] b, int length) {
        int state = START;
        boolean afterCarriageReturn = false;
        long lines = 0;
        cut = 0;
        linesBeforeCut = 0;
        for (int i = 0; i < length; i++) {
            byte c = b[i];
            if (state == QUOTED) {
                if (c == quote) {
                    state = AFTER_QUOTE;
                } else if (c == '\n') {
                    lines++;
                }
                continue;
            }
            if (c == '\n') {
                if (!afterCarriageReturn) {
                    lines++;
                }
                afterCarriageReturn = false;
                state = START;
                cut = i + 1;
                linesBeforeCut = lines;
                continue;
            }
            afterCarriageReturn = false;
            if (c == '\r') {
                lines++;
                afterCarriageReturn = true;
                state = START;
                if (i + 1 < length && b[i + 1] != '\n') {
                    cut = i + 1; // a lone CR ends the line, as in files from old Macs
                    linesBeforeCut = lines;
                }
            } else if (c == delimiter) {
                state = START;
            } else if (c == quote) {
                // Opens a field at its start; in a quoted field after a quote, a doubled quote; elsewhere literal.
                state = state == UNQUOTED ? UNQUOTED : QUOTED;
            } else {
                state = UNQUOTED; // after a closing quote this is the tokenizer's error, found when the chunk is split
            }
        }
    }
}
