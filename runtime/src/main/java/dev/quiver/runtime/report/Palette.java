package dev.quiver.runtime.report;

/**
 * Colours: a qualitative set for series (Okabe-Ito, distinguishable with the common colour-vision deficiencies)
 * and a sequential blue ramp for the heat map. Stateless.
 */
final class Palette {

    private static final String[] SERIES = {
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"
    };

    /** Blues from light to dark, the stops of the heat map. */
    private static final int[][] RAMP = {
        {0xf7, 0xfb, 0xff}, {0xc6, 0xdb, 0xef}, {0x6b, 0xae, 0xd6}, {0x21, 0x71, 0xb5}, {0x08, 0x30, 0x6b}
    };

    private Palette() {}

    /** The colour of series {@code i}; beyond eight series the colours repeat, dashed by the caller. */
    static String series(int i) {
        return SERIES[i % SERIES.length];
    }

    /** Whether series {@code i} reuses a colour, so that the caller can tell it apart by a dash. */
    static boolean repeats(int i) {
        return i >= SERIES.length;
    }

    /** The ramp at {@code t} in [0, 1]. */
    static String heat(double t) {
        double s = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = Math.min((int) s, RAMP.length - 2);
        double f = s - i;
        StringBuilder hex = new StringBuilder("#");
        for (int c = 0; c < 3; c++) {
            int v = (int) Math.round(RAMP[i][c] + f * (RAMP[i + 1][c] - RAMP[i][c]));
            hex.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
        }
        return hex.toString();
    }

    /** Text on the ramp at {@code t}: white where the cell is dark. */
    static String onHeat(double t) {
        return t > 0.55 ? "#ffffff" : "#1a1a1a";
    }
}
