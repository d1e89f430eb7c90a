package dev.quiver.runtime.bundle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The JSON encoding of component state shared by {@link JsonStateWriter} and {@link JsonStateReader}.
 *
 * <p>Scalars are plain JSON (strings, integers; doubles as numbers, or as the strings {@code NaN},
 * {@code Infinity}, {@code -Infinity}, which JSON lacks). Numeric arrays and bytes are stored exactly, as
 * base64 of their little-endian bytes in a one-key tagged object ({@code {"@f32": "..."}}); component keys
 * therefore may not start with {@code @}. Nested writers are nested objects.
 */
final class JsonStateFormat {

    static final String FLOATS = "@f32";
    static final String DOUBLES = "@f64";
    static final String LONGS = "@i64";
    static final String BYTES = "@bytes";

    private JsonStateFormat() {}

    static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String describeTag(String tag) {
        return switch (tag) {
            case FLOATS -> "a float array";
            case DOUBLES -> "a double array";
            case LONGS -> "a long array";
            case BYTES -> "bytes";
            default -> "an object";
        };
    }
}
