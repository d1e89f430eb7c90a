package dev.quiver.api.state;

import java.util.List;

/**
 * Where a fitted component writes what it needs to be rebuilt. Keys are unique within one writer; nested
 * writers ({@link #child}) give components a namespace of their own. Arrays are stored exactly (bit for bit).
 *
 * <p>Not thread-safe; the runtime owns the writer and makes the result durable atomically (a temporary file
 * renamed into place), so a component never sees a half-written state.
 */
public interface StateWriter {

    StateWriter putString(String key, String value);

    StateWriter putLong(String key, long value);

    StateWriter putDouble(String key, double value);

    StateWriter putStrings(String key, List<String> values);

    StateWriter putLongs(String key, long[] values);

    StateWriter putDoubles(String key, double[] values);

    StateWriter putFloats(String key, float[] values);

    /** Opaque bytes, for components that serialise themselves (e.g. a Tribuo model's protobuf). */
    StateWriter putBytes(String key, byte[] value);

    /** A nested namespace under {@code key}. */
    StateWriter child(String key);
}
