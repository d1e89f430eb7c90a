package dev.quiver.runtime.report;

import java.util.Locale;

/**
 * "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, about {@code target} of them, on a domain widened to
 * whole steps so that the first and last gridlines sit on the frame. Immutable.
 *
 * @param lo the widened lower end
 * @param hi the widened upper end
 * @param step the distance between ticks
 */
record Ticks(double lo, double hi, double step) {

    /** Ticks covering {@code [min, max]}; a zero-width or non-finite range is widened so that it still shows. */
    static Ticks of(double min, double max, int target) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            min = 0;
            max = 1;
        }
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / Math.max(1, target));
        return new Ticks(Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step, step);
    }

    /** Ticks on whole numbers only, for epochs. */
    static Ticks integers(double min, double max, int target) {
        Ticks t = of(min, max, target);
        if (t.step >= 1) {
            return t;
        }
        return new Ticks(Math.floor(min), Math.max(Math.ceil(max), Math.floor(min) + 1), 1);
    }

    /** Exactly [0, 1] in steps of 0.2: rates and probabilities. */
    static Ticks unit() {
        return new Ticks(0, 1, 0.2);
    }

    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        // Round to the nearest of 1, 2, 5, 10 on a log scale, so the tick count stays near the target.
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * power;
    }

    /** The tick values, lo to hi. */
    double[] values() {
        int n = (int) Math.round((hi - lo) / step) + 1;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Multiplying rather than accumulating keeps 0.30000000000000004 away from the labels.
            v[i] = lo + i * step;
        }
        return v;
    }

    /** A tick's label with as many decimals as the step needs, and no "-0". */
    String label(double value) {
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        double rounded = Math.abs(value) < step * 1e-6 ? 0 : value;
        if (Math.abs(rounded) >= 1e6) {
            return String.format(Locale.ROOT, "%.3g", rounded);
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", rounded);
    }
}
