package dev.quiver.optim;

import dev.quiver.testing.MapConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the golden files {@code src/test/python/make_goldens.py} writes: cases from {@code case NAME} to
 * {@code end}, each line {@code KEY VALUE...}; {@code option KEY VALUE} lines are pipeline options.
 */
public final class Golden {

    /** One case: its pipeline options and its other lines by key. */
    public record Case(String name, Map<String, Object> options, Map<String, String[]> lines) {

        public String type() {
            return (String) options.get("type");
        }

        /** The options without {@code type}, as the factory sees them. */
        public MapConfig factoryConfig() {
            Map<String, Object> copy = new LinkedHashMap<>(options);
            copy.remove("type");
            return new MapConfig("", copy);
        }

        /** All options, {@code type} included, as a {@code schedule:} or {@code clip:} mapping. */
        public MapConfig config() {
            return new MapConfig("", options);
        }

        public boolean has(String key) {
            return lines.containsKey(key);
        }

        public String[] tokens(String key) {
            String[] tokens = lines.get(key);
            if (tokens == null) {
                throw new IllegalArgumentException(name + ": no line '" + key + "'");
            }
            return tokens;
        }

        public double[] doubles(String key) {
            return Arrays.stream(tokens(key)).mapToDouble(Double::parseDouble).toArray();
        }

        /** Exact: the script writes float32 values as the doubles they equal. */
        public float[] floats(String key) {
            double[] d = doubles(key);
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }

        public double scalar(String key) {
            return doubles(key)[0];
        }

        public int integer(String key, int index) {
            return Integer.parseInt(tokens(key)[index]);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Golden() {}

    /** The cases of {@code golden/FILE} on the test classpath. */
    public static List<Case> read(String file) {
        String resource = "/golden/" + file;
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Case> cases = new ArrayList<>();
            String name = null;
            Map<String, Object> options = null;
            Map<String, String[]> lines = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                String key = parts[0];
                if (key.equals("case")) {
                    name = parts[1];
                    options = new LinkedHashMap<>();
                    lines = new LinkedHashMap<>();
                } else if (key.equals("end")) {
                    cases.add(new Case(name, options, lines));
                } else if (key.equals("option")) {
                    options.put(parts[1], parseValue(parts[2]));
                } else {
                    lines.put(key, Arrays.copyOfRange(parts, 1, parts.length));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML-like scalar or {@code [a,b]} list: booleans, whole numbers, reals, else the text. */
    static Object parseValue(String text) {
        if (text.startsWith("[")) {
            String inner = text.substring(1, text.length() - 1);
            return inner.isEmpty()
                    ? List.of()
                    : Arrays.stream(inner.split(",")).map(Golden::parseValue).toList();
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        if (text.matches("-?\\d+")) {
            return Integer.parseInt(text);
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
