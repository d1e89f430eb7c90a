package dev.quiver.plugins.io.arrow;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.plugins.io.internal.IoFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;

/**
 * Checks every length an Arrow IPC file declares against the file's real size, before Arrow allocates by it.
 * Arrow's readers trust the lengths: a text file read as a stream declares a 170 MB message, and an 8-byte file
 * can ask for 2 GB of heap. This pass reads only the framing (message and footer metadata, never a body), so a
 * hostile file is refused in milliseconds and kilobytes, as a {@link ErrorCode#DATA} error naming the file and
 * the length that does not fit. Stateless; any thread.
 */
final class IpcLengths {

    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final int MAGIC_LENGTH = 6;
    /** The file format's leading magic is padded to 8 bytes; its trailer is the footer length plus the magic. */
    private static final int HEAD = 8;

    private static final int TRAILER = 4 + MAGIC_LENGTH;

    private IpcLengths() {}

    /** Throws unless every length in {@code channel} (the whole of {@code path}) fits in the file. */
    static void check(Path path, FileChannel channel, IpcFormat format) {
        try {
            if (format == IpcFormat.FILE) {
                checkFile(path, channel);
            } else {
                checkStream(path, channel, 0, channel.size());
            }
        } catch (IOException e) {
            throw IoFailures.reading(path, e);
        } catch (IndexOutOfBoundsException e) {
            // flatbuffers index by offsets read from the data: garbage metadata points outside its own buffer
            throw invalid(path, format, "its metadata is malformed");
        }
    }

    private static void checkStream(Path path, FileChannel channel, long start, long end) throws IOException {
        long position = start;
        for (int message = 1; end - position >= 4; message++) {
            int length = readInt(channel, position);
            position += 4;
            if (length == CONTINUATION) {
                if (end - position < 4) {
                    throw invalid(path, IpcFormat.STREAM, "message " + message + " is cut off after its marker");
                }
                length = readInt(channel, position);
                position += 4;
            }
            if (length == 0) {
                return; // the end-of-stream marker
            }
            if (length < 0 || length > end - position) {
                throw invalid(
                        path,
                        IpcFormat.STREAM,
                        "message " + message + " declares " + length + " bytes of metadata but only " + (end - position)
                                + " bytes remain");
            }
            Message header = Message.getRootAsMessage(read(channel, position, length));
            long bodyLength = header.bodyLength();
            position += length;
            if (bodyLength < 0 || bodyLength > end - position) {
                throw invalid(
                        path,
                        IpcFormat.STREAM,
                        "message " + message + " (" + kind(header) + ") declares a body of " + bodyLength
                                + " bytes but only " + (end - position) + " bytes remain");
            }
            position += bodyLength;
        }
        // Fewer than 4 bytes left, or none: Arrow's reader takes that as the end of the stream, and so do we.
    }

    private static String kind(Message message) {
        return switch (message.headerType()) {
            case MessageHeader.Schema -> "the schema";
            case MessageHeader.DictionaryBatch -> "a dictionary batch";
            case MessageHeader.RecordBatch -> "a record batch";
            default -> "of type " + message.headerType();
        };
    }

    private static void checkFile(Path path, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < HEAD + TRAILER) {
            throw invalid(path, IpcFormat.FILE, "only " + size + " bytes, too short for the magic and the footer");
        }
        long footerEnd = size - TRAILER;
        int footerLength = readInt(channel, footerEnd);
        if (footerLength <= 0 || footerLength > footerEnd - HEAD) {
            throw invalid(
                    path,
                    IpcFormat.FILE,
                    "the footer declares " + footerLength + " bytes but only " + (footerEnd - HEAD)
                            + " bytes precede it");
        }
        long footerStart = footerEnd - footerLength;
        Footer footer = Footer.getRootAsFooter(read(channel, footerStart, footerLength));
        checkBlocks(path, footer, footerStart, true);
        checkBlocks(path, footer, footerStart, false);
    }

    private static void checkBlocks(Path path, Footer footer, long footerStart, boolean batches) {
        int count = batches ? footer.recordBatchesLength() : footer.dictionariesLength();
        Block block = new Block();
        for (int i = 0; i < count; i++) {
            if (batches) {
                footer.recordBatches(block, i);
            } else {
                footer.dictionaries(block, i);
            }
            long offset = block.offset();
            long metadata = block.metaDataLength();
            long body = block.bodyLength();
            if (offset < HEAD
                    || metadata < 0
                    || body < 0
                    || offset > footerStart
                    || metadata > footerStart - offset
                    || body > footerStart - offset - metadata) {
                throw invalid(
                        path,
                        IpcFormat.FILE,
                        (batches ? "record batch " : "dictionary batch ") + (i + 1)
                                + " declares " + metadata + " + " + body + " bytes at offset " + offset
                                + ", beyond the " + footerStart + " bytes before the footer");
            }
        }
    }

    private static int readInt(FileChannel channel, long position) throws IOException {
        return read(channel, position, 4).getInt(0);
    }

    /** {@code length} bytes at {@code position}; callers have checked that they lie inside the file. */
    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static QuiverException invalid(Path path, IpcFormat format, String what) {
        return new QuiverException(
                ErrorCode.DATA,
                path + ": not a readable Arrow IPC " + format.label() + " (" + what
                        + "; the file is truncated or not Arrow).");
    }
}
