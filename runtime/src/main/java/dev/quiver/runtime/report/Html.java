package dev.quiver.runtime.report;

import java.util.Locale;

/** Escaping and number text for the report; every user-given string goes through {@link #escape}. Stateless. */
final class Html {

    private Html() {}

    /** Text safe in element content and in quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A metric value for people: four decimals in the usual range (also for 1, so a column lines up), grouped
     * digits for large values, scientific notation for tiny ones, and a dash for NaN (undefined).
     * Locale-independent, so reports are reproducible.
     */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%,.1f", v);
        }
        if (a >= 1e-3 || v == 0) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** A count with grouped digits: 10,001. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A coordinate in an SVG attribute: one decimal is finer than a pixel and keeps the file small. */
    static String coord(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }

    /** A fitted value as short text: numbers by {@link #number}, arrays and lists element by element. */
    static String value(Object v) {
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Float f) {
            return number(f);
        }
        if (v instanceof double[] a) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                out.append(i == 0 ? "" : ", ").append(number(a[i]));
            }
            return out.append(']').toString();
        }
        if (v instanceof double[][] m) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < m.length; i++) {
                out.append(i == 0 ? "" : ", ").append(value(m[i]));
            }
            return out.append(']').toString();
        }
        if (v instanceof java.util.Collection<?> c) {
            StringBuilder out = new StringBuilder("[");
            int i = 0;
            for (Object o : c) {
                out.append(i++ == 0 ? "" : ", ").append(value(o));
            }
            return out.append(']').toString();
        }
        if (v instanceof java.util.Map<?, ?> m) {
            StringBuilder out = new StringBuilder("{");
            int i = 0;
            for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
                out.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(": ").append(value(e.getValue()));
            }
            return out.append('}').toString();
        }
        return String.valueOf(v);
    }
}
