package dev.quiver.runtime.report;

import java.util.List;

/**
 * The confusion matrix as a heat map: rows are true classes, columns predicted ones, each cell shows its count
 * and is shaded by its share of the row, so that a rare class's errors are as visible as a common one's.
 * Stateless.
 */
final class ConfusionMatrixChart {

    private static final int MAX_LABEL = 18;

    private ConfusionMatrixChart() {}

    static String render(long[][] counts, List<String> labels) {
        int k = counts.length;
        double cell = Math.max(26, Math.min(110, 440.0 / k));
        int longest = labels.stream().mapToInt(l -> shorten(l).length()).max().orElse(1);
        double charWidth = 7.4;
        double labelWidth = Math.min(150, charWidth * longest + 14);
        boolean slanted = charWidth * longest > cell - 6;
        // A label turned by 40 degrees needs sin(40) of its length below the matrix.
        double bottomLabels = slanted ? 0.65 * charWidth * longest + 18 : 24;
        double left = labelWidth + 34;
        double top = 12;
        double width = left + k * cell + 16;
        double height = top + k * cell + bottomLabels + 34;
        Svg svg = new Svg(
                "confusion-matrix", "Confusion matrix: true class by row, predicted class by column", width, height);
        boolean smallCounts = cell < 44;
        for (int a = 0; a < k; a++) {
            long rowTotal = 0;
            for (long c : counts[a]) {
                rowTotal += c;
            }
            double y = top + a * cell;
            svg.text(left - 10, y + cell / 2 + 4, shorten(labels.get(a)), "end", "class-label");
            for (int p = 0; p < k; p++) {
                double share = rowTotal == 0 ? 0 : (double) counts[a][p] / rowTotal;
                double x = left + p * cell;
                svg.rect(x, y, cell, cell, Palette.heat(share), "cell");
                String cls = smallCounts ? "count small" : "count";
                svg.text(
                        x + cell / 2,
                        y + cell / 2 + 4,
                        Long.toString(counts[a][p]),
                        "middle",
                        cls,
                        Palette.onHeat(share));
            }
        }
        double labelsY = top + k * cell + 14;
        for (int p = 0; p < k; p++) {
            double x = left + p * cell + cell / 2;
            String label = shorten(labels.get(p));
            if (slanted) {
                svg.rotatedText(x + 4, labelsY - 4, label, -40, "end", "class-label");
            } else {
                svg.text(x, labelsY + 2, label, "middle", "class-label");
            }
        }
        svg.text(left + k * cell / 2, top + k * cell + bottomLabels + 22, "predicted class", "middle", "axis-title");
        svg.verticalText(16, top + k * cell / 2, "true class", "axis-title");
        return svg.close();
    }

    private static String shorten(String label) {
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    }
}
