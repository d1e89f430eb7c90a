package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.export.OnnxExportable;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@code min-max}: {@code x * scale + offset} per column, the order of operations scikit-learn uses,
 * so results agree to the last bit. Keeps the learned minimum and maximum for {@code inspect}. Immutable and
 * thread-safe.
 */
public final class FittedMinMax extends NumericMap implements OnnxExportable {

    private final double[] min;
    private final double[] max;
    private final double[] scale;
    private final double[] offset;

    FittedMinMax(List<String> columns, double[] min, double[] max, double[] scale, double[] offset) {
        super(columns);
        this.min = min.clone();
        this.max = max.clone();
        this.scale = scale.clone();
        this.offset = offset.clone();
    }

    public static FittedMinMax load(StateReader state) {
        List<String> columns = state.getStrings("columns");
        int n = columns.size();
        return new FittedMinMax(
                columns,
                state.getDoubles("min", n),
                state.getDoubles("max", n),
                state.getDoubles("scale", n),
                state.getDoubles("offset", n));
    }

    @Override
    public String type() {
        return "min-max";
    }

    @Override
    protected void map(int index, double[] values, int rows) {
        double s = scale[index];
        double o = offset[index];
        for (int r = 0; r < rows; r++) {
            values[r] = values[r] * s + o;
        }
    }

    @Override
    public void save(StateWriter state) {
        state.putStrings("columns", rewritten())
                .putDoubles("min", min)
                .putDoubles("max", max)
                .putDoubles("scale", scale)
                .putDoubles("offset", offset);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int c = 0; c < min.length; c++) {
            columns.put(
                    rewritten().get(c), Map.of("min", min[c], "max", max[c], "scale", scale[c], "offset", offset[c]));
        }
        return Map.of("columns", columns);
    }

    /** {@code x * scale + offset}, the same order of operations as {@link #map}. */
    @Override
    public void exportOnnx(OnnxGraph graph) {
        exportTwoSteps(graph, "Mul", "scale", scale, "Add", "offset", offset);
    }
}
