package dev.quiver.optim;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link StateWriter} and {@link StateReader} over a map, storing copies of arrays as the runtime would. */
public final class MemoryState implements StateWriter, StateReader {

    private final Map<String, Object> values = new LinkedHashMap<>();

    private MemoryState put(String key, Object value) {
        if (values.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("key written twice: " + key);
        }
        return this;
    }

    private <T> T get(String key, Class<T> type) {
        Object value = values.get(key);
        if (!type.isInstance(value)) {
            throw new IllegalStateException("missing or mistyped key: " + key);
        }
        return type.cast(value);
    }

    @Override
    public StateWriter putString(String key, String value) {
        return put(key, value);
    }

    @Override
    public StateWriter putLong(String key, long value) {
        return put(key, value);
    }

    @Override
    public StateWriter putDouble(String key, double value) {
        return put(key, value);
    }

    @Override
    public StateWriter putStrings(String key, List<String> list) {
        return put(key, List.copyOf(list));
    }

    @Override
    public StateWriter putLongs(String key, long[] array) {
        return put(key, array.clone());
    }

    @Override
    public StateWriter putDoubles(String key, double[] array) {
        return put(key, array.clone());
    }

    @Override
    public StateWriter putFloats(String key, float[] array) {
        return put(key, array.clone());
    }

    @Override
    public StateWriter putBytes(String key, byte[] value) {
        return put(key, value.clone());
    }

    @Override
    public MemoryState child(String key) {
        Object existing = values.get(key);
        if (existing instanceof MemoryState child) {
            return child;
        }
        MemoryState child = new MemoryState();
        put(key, child);
        return child;
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public String getString(String key) {
        return get(key, String.class);
    }

    @Override
    public long getLong(String key) {
        return get(key, Long.class);
    }

    @Override
    public double getDouble(String key) {
        return get(key, Double.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> getStrings(String key) {
        return get(key, List.class);
    }

    @Override
    public long[] getLongs(String key) {
        return get(key, long[].class).clone();
    }

    @Override
    public double[] getDoubles(String key) {
        return get(key, double[].class).clone();
    }

    @Override
    public float[] getFloats(String key) {
        return get(key, float[].class).clone();
    }

    @Override
    public byte[] getBytes(String key) {
        return get(key, byte[].class).clone();
    }
}
