package dev.quiver.runtime.bundle;

import static dev.quiver.runtime.bundle.JsonStateFormat.littleEndian;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.state.StateWriter;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * Writes component state into a JSON tree ({@link JsonStateFormat} describes the encoding), for run bundles
 * and checkpoints. Confined to one thread, as {@link StateWriter} says; the caller persists {@link #json()}.
 */
@SuppressWarnings("ByteBufferBackingArray") // JsonStateFormat.littleEndian allocates a heap buffer at offset 0
public final class JsonStateWriter implements StateWriter {

    private final ObjectNode node;
    private final String path;

    private JsonStateWriter(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** An empty state. */
    public static JsonStateWriter create() {
        return new JsonStateWriter(JsonNodeFactory.instance.objectNode(), "");
    }

    /** The tree written so far (live, not a copy). */
    public ObjectNode json() {
        return node;
    }

    private ObjectNode claim(String key) {
        String where = path.isEmpty() ? key : path + "." + key;
        if (key.startsWith("@")) {
            throw new IllegalArgumentException("state keys may not start with '@': " + where);
        }
        if (node.has(key)) {
            throw new IllegalArgumentException("state key written twice: " + where);
        }
        return node;
    }

    @Override
    public StateWriter putString(String key, String value) {
        claim(key).put(key, value);
        return this;
    }

    @Override
    public StateWriter putLong(String key, long value) {
        claim(key).put(key, value);
        return this;
    }

    @Override
    public StateWriter putDouble(String key, double value) {
        if (Double.isFinite(value)) {
            claim(key).put(key, value);
        } else {
            claim(key).put(key, Double.toString(value));
        }
        return this;
    }

    @Override
    public StateWriter putStrings(String key, List<String> values) {
        ArrayNode array = claim(key).putArray(key);
        values.forEach(array::add);
        return this;
    }

    @Override
    public StateWriter putLongs(String key, long[] values) {
        ByteBuffer bytes = littleEndian(values.length * Long.BYTES);
        bytes.asLongBuffer().put(values);
        return tagged(key, JsonStateFormat.LONGS, bytes.array());
    }

    @Override
    public StateWriter putDoubles(String key, double[] values) {
        ByteBuffer bytes = littleEndian(values.length * Double.BYTES);
        bytes.asDoubleBuffer().put(values);
        return tagged(key, JsonStateFormat.DOUBLES, bytes.array());
    }

    @Override
    public StateWriter putFloats(String key, float[] values) {
        ByteBuffer bytes = littleEndian(values.length * Float.BYTES);
        bytes.asFloatBuffer().put(values);
        return tagged(key, JsonStateFormat.FLOATS, bytes.array());
    }

    @Override
    public StateWriter putBytes(String key, byte[] value) {
        return tagged(key, JsonStateFormat.BYTES, value);
    }

    @Override
    public StateWriter child(String key) {
        return new JsonStateWriter(claim(key).putObject(key), path.isEmpty() ? key : path + "." + key);
    }

    private StateWriter tagged(String key, String tag, byte[] bytes) {
        claim(key).putObject(key).put(tag, Base64.getEncoder().encodeToString(bytes));
        return this;
    }
}
