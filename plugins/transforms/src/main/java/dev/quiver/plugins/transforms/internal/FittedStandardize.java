package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.export.OnnxExportable;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fitted {@code standardize}: {@code (x - mean) / scale} per column. Immutable and thread-safe. */
public final class FittedStandardize extends NumericMap implements OnnxExportable {

    private final double[] mean;
    private final double[] scale;

    FittedStandardize(List<String> columns, double[] mean, double[] scale) {
        super(columns);
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    public static FittedStandardize load(StateReader state) {
        List<String> columns = state.getStrings("columns");
        return new FittedStandardize(
                columns, state.getDoubles("mean", columns.size()), state.getDoubles("scale", columns.size()));
    }

    @Override
    public String type() {
        return "standardize";
    }

    @Override
    protected void map(int index, double[] values, int rows) {
        double m = mean[index];
        double s = scale[index];
        for (int r = 0; r < rows; r++) {
            values[r] = (values[r] - m) / s;
        }
    }

    @Override
    public void save(StateWriter state) {
        state.putStrings("columns", rewritten()).putDoubles("mean", mean).putDoubles("scale", scale);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int c = 0; c < mean.length; c++) {
            columns.put(rewritten().get(c), Map.of("mean", mean[c], "scale", scale[c]));
        }
        return Map.of("columns", columns);
    }

    /** {@code (x - mean) / scale}, in float64 as {@link #map} computes it. */
    @Override
    public void exportOnnx(OnnxGraph graph) {
        exportTwoSteps(graph, "Sub", "mean", mean, "Div", "scale", scale);
    }
}
