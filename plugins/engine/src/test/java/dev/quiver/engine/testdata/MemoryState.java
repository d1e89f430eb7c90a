package dev.quiver.engine.testdata;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link StateWriter} and {@link StateReader} over one map, copying arrays in and out as a file would. */
public final class MemoryState implements StateWriter, StateReader {

    private final Map<String, Object> values = new LinkedHashMap<>();

    private StateWriter put(String key, Object value) {
        if (values.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("duplicate key " + key);
        }
        return this;
    }

    private <T> T get(String key, Class<T> type) {
        Object v = values.get(key);
        if (!type.isInstance(v)) {
            throw new IllegalStateException("missing or mistyped key " + key);
        }
        return type.cast(v);
    }

    @Override public StateWriter putString(String key, String value) { return put(key, value); }
    @Override public StateWriter putLong(String key, long value) { return put(key, value); }
    @Override public StateWriter putDouble(String key, double value) { return put(key, value); }
    @Override public StateWriter putStrings(String key, List<String> v) { return put(key, List.copyOf(v)); }
    @Override public StateWriter putLongs(String key, long[] v) { return put(key, v.clone()); }
    @Override public StateWriter putDoubles(String key, double[] v) { return put(key, v.clone()); }
    @Override public StateWriter putFloats(String key, float[] v) { return put(key, v.clone()); }
    @Override public StateWriter putBytes(String key, byte[] v) { return put(key, v.clone()); }

    @Override
    public MemoryState child(String key) {
        Object v = values.computeIfAbsent(key, k -> new MemoryState());
        return (MemoryState) v;
    }

    @Override public boolean has(String key) { return values.containsKey(key); }
    @Override public Set<String> keys() { return values.keySet(); }
    @Override public String getString(String key) { return get(key, String.class); }
    @Override public long getLong(String key) { return get(key, Long.class); }
    @Override public double getDouble(String key) { return get(key, Double.class); }
    @Override @SuppressWarnings("unchecked") public List<String> getStrings(String key) { return get(key, List.class); }
    @Override public long[] getLongs(String key) { return get(key, long[].class).clone(); }
    @Override public double[] getDoubles(String key) { return get(key, double[].class).clone(); }
    @Override public float[] getFloats(String key) { return get(key, float[].class).clone(); }
    @Override public byte[] getBytes(String key) { return get(key, byte[].class).clone(); }

    /** Every value by dotted key, arrays as lists, for equality assertions. */
    public Map<String, Object> flatten() {
        Map<String, Object> out = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            if (v instanceof MemoryState child) {
                child.flatten().forEach((ck, cv) -> out.put(k + "." + ck, cv));
            } else if (v instanceof float[] f) {
                List<Integer> bits = new java.util.ArrayList<>();
                for (float x : f) {
                    bits.add(Float.floatToRawIntBits(x));
                }
                out.put(k, bits);
            } else if (v instanceof double[] d) {
                out.put(k, java.util.Arrays.stream(d).boxed().toList());
            } else if (v instanceof long[] l) {
                out.put(k, java.util.Arrays.stream(l).boxed().toList());
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
