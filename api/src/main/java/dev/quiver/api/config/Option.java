package dev.quiver.api.config;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one option a component accepts: its name, type, default, allowed range and a description.
 *
 * <p>Declare options as constants and read them with {@link Config#get(Option)}; the same constants are what
 * {@link dev.quiver.api.Factory#options()} returns, so the default written here is the only default there is.
 * Instances are immutable.
 *
 * @param <T> the Java type {@link Config#get} returns for it
 */
public final class Option<T> {

    /** The YAML shape an option takes. */
    public enum Kind {
        STRING,
        INTEGER,
        LONG,
        REAL,
        BOOLEAN,
        CHOICE,
        STRINGS,
        INTEGERS,
        REALS,
        /** A nested mapping the component reads with {@link Config#section}. */
        SECTION,
        /** Any YAML value, handed over as plain Java maps, lists and scalars. */
        ANY
    }

    private final String name;
    private final Kind kind;
    private final T defaultValue;
    private final boolean required;
    private final String description;
    private final List<String> choices;
    private final double min;
    private final boolean minExclusive;
    private final double max;
    private final boolean maxExclusive;
    private final boolean secret;

    private Option(
            String name,
            Kind kind,
            T defaultValue,
            boolean required,
            String description,
            List<String> choices,
            double min,
            boolean minExclusive,
            double max,
            boolean maxExclusive) {
        this(name, kind, defaultValue, required, description, choices, min, minExclusive, max, maxExclusive, false);
    }

    private Option(
            String name,
            Kind kind,
            T defaultValue,
            boolean required,
            String description,
            List<String> choices,
            double min,
            boolean minExclusive,
            double max,
            boolean maxExclusive,
            boolean secret) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.required = required;
        this.description = description;
        this.choices = List.copyOf(choices);
        this.min = min;
        this.minExclusive = minExclusive;
        this.max = max;
        this.maxExclusive = maxExclusive;
        this.secret = secret;
    }

    private static <T> Option<T> of(String name, Kind kind, T defaultValue) {
        return new Option<>(
                name,
                kind,
                defaultValue,
                false,
                "",
                List.of(),
                Double.NEGATIVE_INFINITY,
                false,
                Double.POSITIVE_INFINITY,
                false);
    }

    public static Option<String> string(String name, String defaultValue) {
        return of(name, Kind.STRING, defaultValue);
    }

    public static Option<Integer> integer(String name, int defaultValue) {
        return of(name, Kind.INTEGER, defaultValue);
    }

    public static Option<Long> longInteger(String name, long defaultValue) {
        return of(name, Kind.LONG, defaultValue);
    }

    public static Option<Double> real(String name, double defaultValue) {
        return of(name, Kind.REAL, defaultValue);
    }

    public static Option<Boolean> bool(String name, boolean defaultValue) {
        return of(name, Kind.BOOLEAN, defaultValue);
    }

    /** A string restricted to {@code allowed}; a typo gets a did-you-mean among them. */
    public static Option<String> choice(String name, String defaultValue, String... allowed) {
        return new Option<>(
                name,
                Kind.CHOICE,
                defaultValue,
                false,
                "",
                List.of(allowed),
                Double.NEGATIVE_INFINITY,
                false,
                Double.POSITIVE_INFINITY,
                false);
    }

    /** A list of strings; a single scalar is accepted as a one-element list. */
    public static Option<List<String>> strings(String name, List<String> defaultValue) {
        return of(name, Kind.STRINGS, defaultValue);
    }

    public static Option<List<Integer>> integers(String name, List<Integer> defaultValue) {
        return of(name, Kind.INTEGERS, defaultValue);
    }

    public static Option<List<Double>> reals(String name, List<Double> defaultValue) {
        return of(name, Kind.REALS, defaultValue);
    }

    /** A nested mapping; {@link Config#get} returns it as a {@link Config}, or null when absent. */
    public static Option<Config> section(String name) {
        return of(name, Kind.SECTION, null);
    }

    /** Any value, as plain Java objects ({@code Map<String, Object>}, {@code List<Object>}, scalars), or null. */
    public static Option<Object> any(String name) {
        return of(name, Kind.ANY, null);
    }

    /** The option must be given; {@link Config#get} records a problem when it is absent. */
    public Option<T> required() {
        return new Option<>(name, kind, null, true, description, choices, min, minExclusive, max, maxExclusive, secret);
    }

    public Option<T> describe(String text) {
        return new Option<>(
                name, kind, defaultValue, required, text, choices, min, minExclusive, max, maxExclusive, secret);
    }

    /** For numbers and numeric lists: each value must be at least {@code bound}. */
    public Option<T> atLeast(double bound) {
        return new Option<>(
                name, kind, defaultValue, required, description, choices, bound, false, max, maxExclusive, secret);
    }

    /** For numbers and numeric lists: each value must be greater than {@code bound}. */
    public Option<T> above(double bound) {
        return new Option<>(
                name, kind, defaultValue, required, description, choices, bound, true, max, maxExclusive, secret);
    }

    /** For numbers and numeric lists: each value must be at most {@code bound}. */
    public Option<T> atMost(double bound) {
        return new Option<>(
                name, kind, defaultValue, required, description, choices, min, minExclusive, bound, false, secret);
    }

    /** For numbers and numeric lists: each value must be less than {@code bound}. */
    public Option<T> below(double bound) {
        return new Option<>(
                name, kind, defaultValue, required, description, choices, min, minExclusive, bound, true, secret);
    }

    /**
     * A value that must never be shown: a password, a token. The runtime writes it as {@code "***"} wherever it
     * records the resolved pipeline (a run folder's {@code pipeline.yaml}, the report), and the component must
     * keep it out of its own messages. Write it as {@code ${VAR}} in a pipeline file so the file holds no secret
     * either.
     */
    public Option<T> secret() {
        return new Option<>(
                name, kind, defaultValue, required, description, choices, min, minExclusive, max, maxExclusive, true);
    }

    /** Whether the value is {@linkplain #secret() secret}. */
    public boolean isSecret() {
        return secret;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** The default, or null when the option has none (required options, sections, any). */
    public T defaultValue() {
        return defaultValue;
    }

    public boolean isRequired() {
        return required;
    }

    public String description() {
        return description;
    }

    public List<String> choices() {
        return choices;
    }

    public double min() {
        return min;
    }

    public boolean minExclusive() {
        return minExclusive;
    }

    public double max() {
        return max;
    }

    public boolean maxExclusive() {
        return maxExclusive;
    }

    /** Whether {@code value} lies in the declared range; the message for a violation is {@link #rangeText()}. */
    public boolean inRange(double value) {
        boolean lowOk = minExclusive ? value > min : value >= min;
        boolean highOk = maxExclusive ? value < max : value <= max;
        return lowOk && highOk;
    }

    /** The declared range in words, e.g. {@code "> 0"} or {@code "in [0, 1)"}; empty when unbounded. */
    public String rangeText() {
        boolean hasMin = min != Double.NEGATIVE_INFINITY;
        boolean hasMax = max != Double.POSITIVE_INFINITY;
        if (hasMin && hasMax) {
            return "in " + (minExclusive ? "(" : "[") + fmt(min) + ", " + fmt(max) + (maxExclusive ? ")" : "]");
        }
        if (hasMin) {
            return (minExclusive ? "> " : ">= ") + fmt(min);
        }
        if (hasMax) {
            return (maxExclusive ? "< " : "<= ") + fmt(max);
        }
        return "";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String toString() {
        return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
