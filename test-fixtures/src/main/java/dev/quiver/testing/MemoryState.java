package dev.quiver.testing;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory {@link StateWriter}, for save/load tests of fitted components without the runtime's bundle
 * format. {@link #reader()} gives a {@link StateReader} over what was written.
 *
 * <pre>{@code
 * MemoryState state = new MemoryState();
 * fitted.save(state);
 * FittedTransform reloaded = factory.load(state.reader(), new TestContext());
 * }</pre>
 *
 * <p>Arrays are copied in and out, so values read back are bit-identical to the ones written and nothing a
 * component does to its arrays afterwards leaks into the state. Like the runtime's writer it rejects a key
 * written twice, and the reader throws {@link IllegalStateException} naming a missing or mistyped key. Not
 * thread-safe while writing; the reader may be shared once writing is over.
 */
public final class MemoryState implements StateWriter {

    private final String path;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public MemoryState() {
        this("");
    }

    private MemoryState(String path) {
        this.path = path;
    }

    private StateWriter put(String key, Object value) {
        if (values.containsKey(key)) {
            throw new IllegalStateException("state key '" + qualified(key) + "' written twice");
        }
        values.put(key, value);
        return this;
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
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
    public StateWriter putStrings(String key, List<String> values) {
        return put(key, List.copyOf(values));
    }

    @Override
    public StateWriter putLongs(String key, long[] values) {
        return put(key, values.clone());
    }

    @Override
    public StateWriter putDoubles(String key, double[] values) {
        return put(key, values.clone());
    }

    @Override
    public StateWriter putFloats(String key, float[] values) {
        return put(key, values.clone());
    }

    @Override
    public StateWriter putBytes(String key, byte[] value) {
        return put(key, value.clone());
    }

    @Override
    public StateWriter child(String key) {
        MemoryState child = new MemoryState(qualified(key));
        put(key, child);
        return child;
    }

    /**
     * Every value by dotted key (a child's keys prefixed with its own), sorted, with arrays as lists and floats as
     * their raw bits: two states are equal exactly when every value was written bit for bit the same.
     */
    public Map<String, Object> flatten() {
        Map<String, Object> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v instanceof MemoryState child) {
                child.flatten().forEach((ck, cv) -> out.put(k + "." + ck, cv));
            } else if (v instanceof float[] f) {
                List<Integer> bits = new ArrayList<>();
                for (float x : f) {
                    bits.add(Float.floatToRawIntBits(x));
                }
                out.put(k, bits);
            } else if (v instanceof double[] d) {
                out.put(k, Arrays.stream(d).boxed().toList());
            } else if (v instanceof long[] l) {
                out.put(k, Arrays.stream(l).boxed().toList());
            } else if (v instanceof byte[] b) {
                List<Byte> bytes = new ArrayList<>();
                for (byte x : b) {
                    bytes.add(x);
                }
                out.put(k, bytes);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A reader over everything written so far (and later: it is a view, not a snapshot). */
    public StateReader reader() {
        return new Reader();
    }

    private final class Reader implements StateReader {

        private <T> T get(String key, Class<T> type) {
            Object v = values.get(key);
            if (v == null) {
                throw new IllegalStateException("state has no key '" + qualified(key) + "'; it has " + values.keySet());
            }
            if (!type.isInstance(v)) {
                throw new IllegalStateException("state key '" + qualified(key) + "' holds a "
                        + v.getClass().getSimpleName() + ", not a " + type.getSimpleName());
            }
            return type.cast(v);
        }

        @Override
        public boolean has(String key) {
            return values.containsKey(key);
        }

        @Override
        public Set<String> keys() {
            return Collections.unmodifiableSet(new LinkedHashSet<>(values.keySet()));
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

        @Override
        public StateReader child(String key) {
            return get(key, MemoryState.class).reader();
        }

        @Override
        public String toString() {
            return "state " + (path.isEmpty() ? "<root>" : path) + " " + values.keySet();
        }
    }

    @Override
    public String toString() {
        return "state " + (path.isEmpty() ? "<root>" : path) + " " + values.keySet();
    }
}
