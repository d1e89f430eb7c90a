package dev.quiver.testing.examples;

import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.transform.ColumnMapTransform;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/** The README's example of {@link ColumnMapTransform}: {@code {type: clip, min: 0, max: 1, columns: [x]}}. */
public final class ClipFactory extends ColumnMapTransform {

    static final Option<Double> MIN =
            Option.real("min", Double.NEGATIVE_INFINITY).describe("The smallest value.");
    static final Option<Double> MAX =
            Option.real("max", Double.POSITIVE_INFINITY).describe("The largest value.");

    public ClipFactory() {
        super("clip", "Clamps each selected column to [min, max].");
    }

    @Override
    protected List<Option<Double>> parameters() {
        return List.of(MIN, MAX);
    }

    @Override
    protected void check(Map<String, Double> p, Config config) {
        if (p.get("min") > p.get("max")) {
            config.problem("max", "max must be at least min (" + p.get("min") + "), got " + p.get("max"));
        }
    }

    @Override
    protected DoubleUnaryOperator function(Map<String, Double> p) {
        double min = p.get("min");
        double max = p.get("max");
        return x -> Math.min(max, Math.max(min, x));
    }
}
