package dev.quiver.plugins.io.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Turns I/O failures into {@link QuiverException}s that name the file, in words a user can act on. Stateless. */
public final class IoFailures {

    private IoFailures() {}

    /** Opens {@code path} for reading; a missing or unreadable file is a {@link ErrorCode#DATA} error naming it. */
    public static FileChannel openForReading(Path path) {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw reading(path, e);
        }
    }

    /** The size of {@code path} in bytes. */
    public static long size(Path path) {
        try {
            return java.nio.file.Files.size(path);
        } catch (IOException e) {
            throw reading(path, e);
        }
    }

    /** A failure while reading {@code path}. */
    public static QuiverException reading(Path path, IOException cause) {
        if (cause instanceof NoSuchFileException) {
            return new QuiverException(ErrorCode.DATA, path + ": the file does not exist.", cause);
        }
        if (cause instanceof AccessDeniedException) {
            return new QuiverException(ErrorCode.DATA, path + ": the file is not readable (permission denied).", cause);
        }
        return failure(path, "cannot read the file", cause);
    }

    /** {@code path: what: cause}, a data error. */
    public static QuiverException failure(Path path, String what, IOException cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new QuiverException(ErrorCode.DATA, path + ": " + what + " (" + detail + ").", cause);
    }
}
