package dev.quiver.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
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
 * Reads what a {@link JsonStateWriter} wrote.
 *
 * <p>A reader {@link #forRun made for a run folder} is strict: a missing key, one of another type (JSON
 * {@code null} included), an array of the wrong length and a NaN or infinite number (outside
 * {@link #getDoubleAllowingNonFinite} and {@link #getDoublesAllowingNonFinite}) throw a
 * {@link QuiverException} ({@link ErrorCode#DATA}) "damaged run: FILE: key.path: what". The lenient reader of
 * {@link #of} (checkpoints, whose NaN means "not yet known") throws {@link IllegalStateException} naming the
 * dotted path and accepts non-finite numbers. Immutable in use (nothing writes the tree); safe to read from
 * several threads.
 */
public final class JsonStateReader implements StateReader {

    private final ObjectNode node;
    private final String path;
    /** The run file this state is part of; null for a lenient reader. */
    private final String file;

    private JsonStateReader(ObjectNode node, String path, String file) {
        this.node = node;
        this.path = path;
        this.file = file;
    }

    /** A lenient reader over a JSON object, e.g. a checkpoint's state. */
    public static JsonStateReader of(JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            throw new IllegalStateException("a component state must be a JSON object, found " + typeOf(json));
        }
        return new JsonStateReader(object, "", null);
    }

    /**
     * A strict reader over the state at {@code path} (e.g. {@code state} or {@code [0].state}) of the run file
     * {@code file} (e.g. {@code model.json}), which names both in its errors.
     */
    public static JsonStateReader forRun(JsonNode json, String file, String path) {
        if (!(json instanceof ObjectNode object)) {
            throw damagedRun(file, path, "should be a JSON object, found " + typeOf(json));
        }
        return new JsonStateReader(object, path, file);
    }

    /** The error for a damaged run file: "damaged run: FILE: key.path: what". */
    public static QuiverException damagedRun(String file, String path, String problem) {
        return new QuiverException(
                ErrorCode.DATA, "damaged run: " + file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
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
        return finite(key, getDoubleAllowingNonFinite(key));
    }

    @Override
    public double getDoubleAllowingNonFinite(String key) {
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
        double[] out = getDoublesAllowingNonFinite(key);
        for (int i = 0; i < out.length; i++) {
            finite(key, i, out[i]);
        }
        return out;
    }

    @Override
    public double[] getDoublesAllowingNonFinite(String key) {
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
        for (int i = 0; i < out.length; i++) {
            finite(key, i, out[i]);
        }
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
        return new JsonStateReader(object, where(key), file);
    }

    @Override
    public RuntimeException damaged(String key, String problem) {
        return file == null
                ? new IllegalStateException("state key '" + where(key) + "' " + problem)
                : damagedRun(file, where(key), problem);
    }

    private double finite(String key, double value) {
        if (file != null && !Double.isFinite(value)) {
            throw damaged(key, "is " + value + "; a saved parameter must be a finite number");
        }
        return value;
    }

    private void finite(String key, int index, double value) {
        if (file != null && !Double.isFinite(value)) {
            throw damaged(key, "element " + index + " is " + value + "; a saved parameter must be a finite number");
        }
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
            throw damaged(key, "is not valid base64");
        }
        if (bytes.length % elementSize != 0) {
            throw damaged(key, "holds a truncated array");
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private JsonNode require(String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            if (file != null) {
                throw damagedRun(file, where(key), "is missing (the state has " + keys() + ")");
            }
            throw new IllegalStateException("state has no key '" + where(key) + "' (it has " + keys() + ")");
        }
        return v;
    }

    private RuntimeException wrongType(String key, String expected, JsonNode v) {
        String found = v instanceof ObjectNode object && tag(object) != null
                ? JsonStateFormat.describeTag(tag(object))
                : typeOf(v);
        return file == null
                ? new IllegalStateException("state key '" + where(key) + "' should be " + expected + ", found " + found)
                : damagedRun(file, where(key), "should be " + expected + ", found " + found);
    }

    private static String typeOf(JsonNode json) {
        return json == null || json.isMissingNode()
                ? "nothing"
                : json.getNodeType().name().toLowerCase(Locale.ROOT);
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
