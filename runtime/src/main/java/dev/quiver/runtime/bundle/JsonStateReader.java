package dev.quiver.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.state.StateReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads what a {@link JsonStateWriter} wrote. A missing key or one of another type throws
 * {@link IllegalStateException} naming its dotted path, which the bundle loader reports as a data error.
 * Immutable in use (nothing writes the tree); safe to read from several threads.
 */
public final class JsonStateReader implements StateReader {

    private final ObjectNode node;
    private final String path;

    private JsonStateReader(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** A reader over a JSON object, e.g. the {@code state} of a bundle's {@code model.json}. */
    public static JsonStateReader of(JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            throw new IllegalStateException("a component state must be a JSON object, found "
                    + (json == null ? "nothing" : json.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return new JsonStateReader(object, "");
    }

    @Override
    public boolean has(String key) {
        return node.has(key);
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Override
    public String getString(String key) {
        JsonNode v = require(key);
        if (!v.isTextual()) {
            throw wrongType(key, "a string", v);
        }
        return v.textValue();
    }

    @Override
    public long getLong(String key) {
        JsonNode v = require(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(key, "an integer", v);
        }
        return v.longValue();
    }

    @Override
    public double getDouble(String key) {
        JsonNode v = require(key);
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw wrongType(key, "a number", v);
    }

    @Override
    public List<String> getStrings(String key) {
        JsonNode v = require(key);
        if (!v.isArray()) {
            throw wrongType(key, "a list of strings", v);
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw wrongType(key, "a list of strings", v);
            }
            out.add(item.textValue());
        }
        return out;
    }

    @Override
    public long[] getLongs(String key) {
        ByteBuffer bytes = decode(key, JsonStateFormat.LONGS, Long.BYTES);
        long[] out = new long[bytes.remaining() / Long.BYTES];
        bytes.asLongBuffer().get(out);
        return out;
    }

    @Override
    public double[] getDoubles(String key) {
        ByteBuffer bytes = decode(key, JsonStateFormat.DOUBLES, Double.BYTES);
        double[] out = new double[bytes.remaining() / Double.BYTES];
        bytes.asDoubleBuffer().get(out);
        return out;
    }

    @Override
    public float[] getFloats(String key) {
        ByteBuffer bytes = decode(key, JsonStateFormat.FLOATS, Float.BYTES);
        float[] out = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(out);
        return out;
    }

    @Override
    public byte[] getBytes(String key) {
        ByteBuffer bytes = decode(key, JsonStateFormat.BYTES, 1);
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }

    @Override
    public StateReader child(String key) {
        JsonNode v = require(key);
        if (!(v instanceof ObjectNode object) || tag(object) != null) {
            throw wrongType(key, "a nested state", v);
        }
        return new JsonStateReader(object, where(key));
    }

    private ByteBuffer decode(String key, String tag, int elementSize) {
        JsonNode v = require(key);
        JsonNode encoded = v.get(tag);
        if (encoded == null || !encoded.isTextual() || v.size() != 1) {
            throw wrongType(key, JsonStateFormat.describeTag(tag), v);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("state key '" + where(key) + "' is not valid base64", e);
        }
        if (bytes.length % elementSize != 0) {
            throw new IllegalStateException("state key '" + where(key) + "' holds a truncated array");
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private JsonNode require(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new IllegalStateException("state has no key '" + where(key) + "' (it has " + keys() + ")");
        }
        return v;
    }

    private IllegalStateException wrongType(String key, String expected, JsonNode v) {
        String found = v instanceof ObjectNode object && tag(object) != null
                ? JsonStateFormat.describeTag(tag(object))
                : v.getNodeType().name().toLowerCase(Locale.ROOT);
        return new IllegalStateException("state key '" + where(key) + "' should be " + expected + ", found " + found);
    }

    private static String tag(ObjectNode object) {
        if (object.size() != 1) {
            return null;
        }
        String only = object.fieldNames().next();
        return only.startsWith("@") ? only : null;
    }

    private String where(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
