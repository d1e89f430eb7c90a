package dev.quiver.api.state;

import java.util.List;
import java.util.Set;

/**
 * Read access to what a {@link StateWriter} wrote. Getters throw {@link IllegalStateException} naming the key
 * when it is missing or of another type: a bundle from an incompatible version, reported by the runtime as a
 * data error. Immutable; safe to read from several threads.
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
}
