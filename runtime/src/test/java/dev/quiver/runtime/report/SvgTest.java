package dev.quiver.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgTest {

    private static String[] points(String svg) {
        Matcher m = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
        assertTrue(m.find(), svg);
        return m.group(1).split(" ");
    }

    @Test
    void aMillionPointCurveCostsAboutOnePointPerPixelAndKeepsItsEnds() {
        int n = 1_000_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double t = i / (n - 1.0);
            xs[i] = 300 * t;
            ys[i] = 300 * Math.sqrt(t);
        }
        String svg = new Svg("roc", "ROC", 400, 400)
                .polyline(xs, ys, 0, n, "#000", null, "series")
                .close();
        String[] kept = points(svg);
        assertTrue(kept.length < 4000, kept.length + " points kept");
        assertEquals("0,0", kept[0]);
        assertTrue(kept[kept.length - 1].startsWith("300"), kept[kept.length - 1]);
    }

    @Test
    void distinctPixelsAreAllKept() {
        double[] xs = {0, 1, 2, 3};
        double[] ys = {0, 1, 0, 1};
        String svg = new Svg("s", "S", 10, 10)
                .polyline(xs, ys, 0, 4, "#000", "4 2", "series")
                .close();
        assertEquals(4, points(svg).length);
        assertTrue(svg.contains("stroke-dasharray=\"4 2\""), svg);
    }
}
