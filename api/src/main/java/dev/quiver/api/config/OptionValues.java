package dev.quiver.api.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one definition of how a YAML value becomes an option's Java value. The runtime's {@link Config} and the
 * test fixtures' map-backed config both use it, so a plugin's unit tests check exactly what users will get.
 * Stateless.
 */
public final class OptionValues {

    private OptionValues() {}

    /**
     * Converts a value loaded from YAML (String, Integer, Long, BigInteger, Double, Boolean, List, Map) to the
     * option's type and checks its range and choices.
     *
     * @throws IllegalArgumentException with a message for the user, e.g. {@code expected a number, got 'fast'}
     */
    @SuppressWarnings("unchecked")
    public static <T> T convert(Option<T> option, Object raw) {
        Object value =
                switch (option.kind()) {
                    case STRING -> scalarString(raw);
                    case CHOICE -> choice(option, raw);
                    case BOOLEAN -> bool(raw);
                    case INTEGER -> checked(option, (double) toInt(raw), raw).intValue();
                    case LONG -> {
                        long exact = toLong(raw); // past 2^53 a double would round it; only the range check uses one
                        checked(option, (double) exact, raw);
                        yield exact;
                    }
                    case REAL -> checked(option, toReal(raw), raw).doubleValue();
                    case STRINGS ->
                        list(raw).stream().map(OptionValues::scalarString).toList();
                    case INTEGERS ->
                        list(raw).stream()
                                .map(v -> checked(option, (double) toInt(v), v).intValue())
                                .toList();
                    case REALS ->
                        list(raw).stream()
                                .map(v -> checked(option, toReal(v), v).doubleValue())
                                .toList();
                    case SECTION -> {
                        if (!(raw instanceof Map)) {
                            throw new IllegalArgumentException(
                                    "expected a mapping (key: value pairs), got " + describe(raw));
                        }
                        yield raw;
                    }
                    case ANY -> raw;
                };
        return (T) value;
    }

    /** How a value looks in a message: strings quoted, others as written. */
    public static String describe(Object raw) {
        if (raw == null) {
            return "nothing (null)";
        }
        if (raw instanceof String s) {
            return "'" + s + "'";
        }
        if (raw instanceof List) {
            return "a list";
        }
        if (raw instanceof Map) {
            return "a mapping";
        }
        return raw.toString();
    }

    private static String scalarString(Object raw) {
        if (raw instanceof List || raw instanceof Map || raw == null) {
            throw new IllegalArgumentException("expected a single value, got " + describe(raw));
        }
        return raw.toString();
    }

    private static String choice(Option<?> option, Object raw) {
        String s = scalarString(raw);
        if (!option.choices().contains(s)) {
            throw new IllegalArgumentException(
                    "'" + s + "' is not one of " + option.choices() + DidYouMean.hint(s, option.choices()));
        }
        return s;
    }

    private static boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("expected true or false, got " + describe(raw));
    }

    private static int toInt(Object raw) {
        long v = toLong(raw);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected a whole number within ±2^31, got " + raw);
        }
        return (int) v;
    }

    private static long toLong(Object raw) {
        if (raw instanceof Integer || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            throw new IllegalArgumentException("number too large: " + raw);
        }
        if (raw instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 9.0e15) {
            return d.longValue();
        }
        throw new IllegalArgumentException("expected a whole number, got " + describe(raw));
    }

    private static double toReal(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("expected a number, got " + describe(raw));
    }

    private static Number checked(Option<?> option, double value, Object raw) {
        if (!option.inRange(value)) {
            throw new IllegalArgumentException("must be " + option.rangeText() + ", got " + raw);
        }
        return value;
    }

    private static List<Object> list(Object raw) {
        if (raw instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        if (raw instanceof Map || raw == null) {
            throw new IllegalArgumentException("expected a list, got " + describe(raw));
        }
        return List.of(raw);
    }
}
