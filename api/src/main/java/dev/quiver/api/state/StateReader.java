package dev.quiver.api.state;

import java.util.List;
import java.util.Set;

/**
 * Read access to what a {@link StateWriter} wrote. Getters throw {@link IllegalStateException} naming the key
 * when it is missing or of another type: a bundle from an incompatible version, reported by the runtime as a
 * data error. The runtime's reader for run folders is stricter: a NaN or infinite number (from
 * {@link #getDouble}, {@link #getDoubles} or {@link #getFloats}) is a damaged run too; a value where such a
 * number is meaningful is read with {@link #getDoubleAllowingNonFinite} or {@link #getDoublesAllowingNonFinite}.
 * Immutable; safe to read from several threads.
 */
public interface StateReader {

    boolean has(String key);

    Set<String> keys();

    String getString(String key);

    long getLong(String key);

    double getDouble(String key);

    List<String> getStrings(String key);

    long[] getLongs(String key);

    double[] getDoubles(String key);

    float[] getFloats(String key);

    byte[] getBytes(String key);

    StateReader child(String key);

    /** As {@link #getDouble}, where NaN or an infinity is a legitimate value (a placeholder, "no limit"). */
    default double getDoubleAllowingNonFinite(String key) {
        return getDouble(key);
    }

    /** As {@link #getDoubles}, where NaN or an infinity is a legitimate element. */
    default double[] getDoublesAllowingNonFinite(String key) {
        return getDoubles(key);
    }

    /** {@link #getDoubles} that must hold exactly {@code length} values, so a loader never indexes past its end. */
    default double[] getDoubles(String key, int length) {
        double[] values = getDoubles(key);
        checkLength(key, values.length, length);
        return values;
    }

    /** {@link #getDoublesAllowingNonFinite} of exactly {@code length} values. */
    default double[] getDoublesAllowingNonFinite(String key, int length) {
        double[] values = getDoublesAllowingNonFinite(key);
        checkLength(key, values.length, length);
        return values;
    }

    /** {@link #getFloats} of exactly {@code length} values. */
    default float[] getFloats(String key, int length) {
        float[] values = getFloats(key);
        checkLength(key, values.length, length);
        return values;
    }

    /** {@link #getLongs} of exactly {@code length} values. */
    default long[] getLongs(String key, int length) {
        long[] values = getLongs(key);
        checkLength(key, values.length, length);
        return values;
    }

    /** {@link #getStrings} of exactly {@code length} values. */
    default List<String> getStrings(String key, int length) {
        List<String> values = getStrings(key);
        checkLength(key, values.size(), length);
        return values;
    }

    /**
     * Fails as a damaged state when {@code found != expected}: for checks a loader makes between keys (a weight
     * matrix against its layer sizes). The runtime's reader names its file and the key's full path.
     */
    default void checkLength(String key, int found, int expected) {
        if (found != expected) {
            throw damaged(key, "holds " + found + " values, expected " + expected);
        }
    }

    /**
     * The exception to throw for a damaged state at {@code key}, with {@code problem} (e.g. "lists 3 classes for
     * 2 outputs"): {@code throw state.damaged(key, problem)}.
     */
    default RuntimeException damaged(String key, String problem) {
        return new IllegalStateException("state key '" + key + "' " + problem);
    }
}
