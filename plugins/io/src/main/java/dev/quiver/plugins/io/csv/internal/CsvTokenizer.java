package dev.quiver.plugins.io.csv.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Splits CSV bytes into records and fields without decoding them: each field is a slice of {@link #buffer()},
 * valid until the next call to {@link #next()}.
 *
 * <p>It follows RFC 4180 and is lenient where files in the wild differ: a quote is special only at the start
 * of a field, inside quotes a doubled quote is one quote and newlines belong to the field, lines may end in
 * LF or CRLF, a UTF-8 byte order mark is skipped and blank lines are ignored. Quoted fields are unescaped in
 * place, so a field is always one contiguous slice.
 *
 * <p>Memory is one buffer that holds the record being split and whatever was read after it; it grows only
 * for a record longer than the buffer, up to {@link #MAX_RECORD_BYTES}. Not thread-safe. The tokenizer owns
 * nothing it must close: the caller closes the channel.
 */
public final class CsvTokenizer {

    /** A record longer than this is almost certainly an unterminated quote swallowing the rest of the file. */
    public static final int MAX_RECORD_BYTES = 64 << 20;

    private static final int DEFAULT_BUFFER = 1 << 18;

    private final ReadableByteChannel in;
    private final String file;
    private final byte delimiter;
    private final byte quote;

    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;

    private long nextLine = 1;
    private long recordLine;
    private int recordStart;

    // The field being scanned; kept in fields, not locals, because a refill shifts the buffer under them.
    private int fieldStart;
    private int writePos;

    private int count;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] quoted = new boolean[16];

    public CsvTokenizer(ReadableByteChannel in, String file, byte delimiter, byte quote) {
        this(in, file, delimiter, quote, DEFAULT_BUFFER);
    }

    CsvTokenizer(ReadableByteChannel in, String file, byte delimiter, byte quote, int bufferSize) {
        this.in = in;
        this.file = file;
        this.delimiter = delimiter;
        this.quote = quote;
        this.buf = new byte[Math.max(bufferSize, 4)];
        skipByteOrderMark();
    }

    /**
     * Splits {@code data[0, length)}, one chunk of a file cut at a record boundary, whose first byte is on line
     * {@code firstLine}; only the file's first chunk may start with a byte order mark. Unescaping writes into
     * {@code data}, so the caller hands it over.
     */
    CsvTokenizer(
            byte[] data, int length, String file, byte delimiter, byte quote, long firstLine, boolean startOfFile) {
        this.in = null;
        this.file = file;
        this.delimiter = delimiter;
        this.quote = quote;
        this.buf = data;
        this.limit = length;
        this.eof = true;
        this.nextLine = firstLine;
        if (startOfFile) {
            skipByteOrderMark();
        }
    }

    /** The line the next record would start on, once the input is split to its end: the chunk's last line + 1. */
    long nextLine() {
        return nextLine;
    }

    private void skipByteOrderMark() {
        while (limit < 3 && !eof) {
            readMore();
        }
        if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            pos = 3;
        }
    }

    /**
     * Advances to the next non-blank record.
     *
     * @return false at the end of the input
     * @throws QuiverException (DATA) for an unterminated quote or text after a closing quote, naming the line
     */
    public boolean next() {
        count = 0;
        while (true) {
            recordStart = pos;
            if (pos == limit && !refill()) {
                return false;
            }
            recordLine = nextLine;
            byte b = buf[pos];
            if (b == '\n') {
                pos++;
                nextLine++;
            } else if (b == '\r') {
                pos++;
                skipLineFeedAfterCarriageReturn();
            } else {
                readRecord();
                return true;
            }
        }
    }

    /** The number of fields in the current record (at least 1). */
    public int fieldCount() {
        return count;
    }

    /** The bytes the current record's fields are slices of. */
    public byte[] buffer() {
        return buf;
    }

    public int start(int field) {
        return starts[field];
    }

    public int end(int field) {
        return ends[field];
    }

    /** Whether the field was written in quotes (so an empty one is an empty string, not a missing value). */
    public boolean quoted(int field) {
        return quoted[field];
    }

    /** The 1-based line on which the current record starts. */
    public long line() {
        return recordLine;
    }

    private void readRecord() {
        while (true) {
            if (pos < limit || refill()) {
                if (buf[pos] == quote) {
                    scanQuoted();
                } else {
                    scanUnquoted();
                }
            } else {
                addField(pos, pos, false); // "a,b," at the end of the input: the last field is empty
                return;
            }
            if (pos == limit && !refill()) {
                return;
            }
            byte b = buf[pos++];
            if (b == delimiter) {
                continue;
            }
            if (b == '\n') {
                nextLine++;
                return;
            }
            if (b == '\r') {
                skipLineFeedAfterCarriageReturn();
                return;
            }
            throw QuiverException.data(
                    file,
                    recordLine,
                    null,
                    "field " + count + " has text after its closing quote ('" + (char) (b & 0xFF)
                            + "'); a quote inside a quoted field must be doubled (\"\").");
        }
    }

    private void skipLineFeedAfterCarriageReturn() {
        nextLine++;
        if ((pos < limit || refill()) && buf[pos] == '\n') {
            pos++;
        }
    }

    private void scanUnquoted() {
        fieldStart = pos;
        final byte d = delimiter;
        while (true) {
            final byte[] b = buf;
            final int lim = limit;
            int p = pos;
            while (p < lim) {
                byte c = b[p];
                if (c == d || c == '\n' || c == '\r') {
                    pos = p;
                    addField(fieldStart, p, false);
                    return;
                }
                p++;
            }
            pos = p;
            if (!refill()) {
                addField(fieldStart, pos, false);
                return;
            }
        }
    }

    private void scanQuoted() {
        pos++; // the opening quote
        fieldStart = pos;
        writePos = pos;
        long openedOn = nextLine;
        while (true) {
            if (pos == limit && !refill()) {
                throw QuiverException.data(file, openedOn, null, "a quoted field opened on this line is never closed.");
            }
            byte c = buf[pos++];
            if (c == quote) {
                if ((pos < limit || refill()) && buf[pos] == quote) {
                    pos++; // a doubled quote stands for one
                } else {
                    addField(fieldStart, writePos, true);
                    return;
                }
            } else if (c == '\n') {
                nextLine++;
            }
            buf[writePos++] = c;
        }
    }

    private void addField(int start, int end, boolean isQuoted) {
        if (count == starts.length) {
            int n = count * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            quoted = Arrays.copyOf(quoted, n);
        }
        starts[count] = start;
        ends[count] = end;
        quoted[count] = isQuoted;
        count++;
    }

    /**
     * Makes more input available at {@code pos == limit}, keeping the current record: moves it to the front of
     * the buffer (shifting every offset into it), growing the buffer only if the record fills it.
     *
     * @return false at the end of the input
     */
    private boolean refill() {
        if (eof) {
            return false;
        }
        int shift = recordStart;
        if (shift > 0) {
            System.arraycopy(buf, shift, buf, 0, limit - shift);
            limit -= shift;
            pos -= shift;
            recordStart = 0;
            fieldStart -= shift;
            writePos -= shift;
            for (int i = 0; i < count; i++) {
                starts[i] -= shift;
                ends[i] -= shift;
            }
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_RECORD_BYTES) {
                throw QuiverException.data(
                        file,
                        recordLine,
                        null,
                        "a record starting on this line is longer than " + (MAX_RECORD_BYTES >> 20)
                                + " MiB; is a quote left unclosed?");
            }
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_RECORD_BYTES));
        }
        while (pos == limit && !eof) {
            readMore();
        }
        return pos < limit;
    }

    private void readMore() {
        try {
            int n = in.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, file + ": cannot read the file (" + e.getMessage() + ").", e);
        }
    }
}
