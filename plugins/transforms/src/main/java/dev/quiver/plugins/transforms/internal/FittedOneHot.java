package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.export.OnnxExportable;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.api.transform.Columns;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A fitted {@code one-hot}: each encoded column becomes float64 indicator columns {@code column=value}, one per
 * category in sorted order (less the first with {@code dropFirst}), at most one of which is 1 in each row. All
 * zeros mean a missing cell, an unknown value under {@code unknown: ignore}, or the first category under
 * {@code dropFirst}: missingness gets no column of its own (impute first to give it one). Immutable and
 * thread-safe.
 */
public final class FittedOneHot extends ColumnwiseTransform implements OnnxExportable {

    /** How many categories an error message lists before it stops. */
    private static final int SHOWN = 20;

    private final List<List<String>> categories;
    private final List<Map<String, Integer>> lookups;
    /** The same lookups keyed by the UTF-8 bytes of each category, for text columns. */
    private final List<Map<ByteBuffer, Integer>> textLookups;

    private final boolean ignoreUnknown;
    private final boolean dropFirst;

    FittedOneHot(List<String> columns, List<List<String>> categories, boolean ignoreUnknown, boolean dropFirst) {
        super(columns);
        this.categories = categories.stream().map(List::copyOf).toList();
        this.ignoreUnknown = ignoreUnknown;
        this.dropFirst = dropFirst;
        List<Map<String, Integer>> maps = new ArrayList<>();
        List<Map<ByteBuffer, Integer>> byteMaps = new ArrayList<>();
        for (List<String> values : this.categories) {
            Map<String, Integer> map = new HashMap<>();
            Map<ByteBuffer, Integer> byteMap = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                map.put(values.get(i), i);
                byteMap.put(ByteBuffer.wrap(values.get(i).getBytes(StandardCharsets.UTF_8)), i);
            }
            maps.add(map);
            byteMaps.add(byteMap);
        }
        this.lookups = List.copyOf(maps);
        this.textLookups = List.copyOf(byteMaps);
    }

    public static FittedOneHot load(StateReader state) {
        List<String> columns = state.getStrings("columns");
        StateReader cats = state.child("categories");
        List<List<String>> categories = columns.stream().map(cats::getStrings).toList();
        return new FittedOneHot(
                columns, categories, state.getLong("ignoreUnknown") == 1, state.getLong("dropFirst") == 1);
    }

    @Override
    public String type() {
        return "one-hot";
    }

    /** The indicator column names that replace column {@code index}. */
    private List<String> indicators(int index) {
        String column = rewritten().get(index);
        List<String> values = categories.get(index);
        return values.subList(dropFirst && !values.isEmpty() ? 1 : 0, values.size()).stream()
                .map(v -> column + "=" + v)
                .toList();
    }

    @Override
    public Columns columns(Columns input) {
        List<String> features = new ArrayList<>();
        for (String f : input.features()) {
            int i = rewritten().indexOf(f);
            if (i < 0) {
                features.add(f);
            } else {
                features.addAll(indicators(i));
            }
        }
        return input.withFeatures(features);
    }

    @Override
    protected List<Field> outputFields(int index, Field input) {
        return indicators(index).stream()
                .map(name -> Vectors.float64(name, false))
                .toList();
    }

    @Override
    protected List<FieldVector> rewrite(int index, FieldVector input, BufferAllocator allocator) {
        int rows = input.getValueCount();
        int skip = dropFirst ? 1 : 0;
        List<Field> fields = outputFields(index, input.getField());
        List<Float8Vector> out = Vectors.made(vectors -> {
            for (Field f : fields) {
                Float8Vector v = Vectors.newFloat64(f, rows, allocator);
                v.zeroVector();
                v.getValidityBuffer().setOne(0L, (rows + 7) / 8L); // every cell is 0 or 1, none missing
                vectors.add(v);
            }
            for (int r = 0; r < rows; r++) {
                int hot = category(index, input, r) - skip;
                if (hot >= 0) {
                    vectors.get(hot).set(r, 1.0);
                }
            }
            vectors.forEach(v -> v.setValueCount(rows));
        });
        return List.copyOf(out);
    }

    /** The category index of row {@code r}, or -1 (all zeros) for a missing or ignored unknown value. */
    private int category(int index, FieldVector input, int r) {
        if (input.isNull(r)) {
            return -1;
        }
        Integer i;
        if (input instanceof VarCharVector text) {
            // Look text up by its UTF-8 bytes: no decoding into a String for every row.
            i = textLookups.get(index).get(ByteBuffer.wrap(text.get(r)));
        } else {
            i = lookups.get(index).get(ClassLabels.labelOf(input, r));
        }
        if (i != null) {
            return i;
        }
        if (ignoreUnknown) {
            return -1;
        }
        String value = ClassLabels.labelOf(input, r);
        List<String> known = categories.get(index);
        String shown = known.size() <= SHOWN
                ? known.toString()
                : known.subList(0, SHOWN) + " and " + (known.size() - SHOWN) + " more";
        throw QuiverException.inBatch(
                r,
                input.getName(),
                "the value '" + value
                        + "' was not seen when one-hot was fitted; known values are " + shown
                        + ". Set unknown: ignore to encode unseen values as all zeros.");
    }

    @Override
    public void save(StateWriter state) {
        state.putStrings("columns", rewritten());
        StateWriter cats = state.child("categories");
        for (int c = 0; c < categories.size(); c++) {
            cats.putStrings(rewritten().get(c), categories.get(c));
        }
        state.putLong("ignoreUnknown", ignoreUnknown ? 1 : 0).putLong("dropFirst", dropFirst ? 1 : 0);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int c = 0; c < categories.size(); c++) {
            columns.put(rewritten().get(c), categories.get(c));
        }
        return Map.of("categories", columns, "unknown", ignoreUnknown ? "ignore" : "error", "dropFirst", dropFirst);
    }

    /**
     * One {@code Cast(Equal(x, category), double)} per indicator. ONNX cannot raise an error, so under
     * {@code unknown: error} an unseen value exports as all zeros (what {@code unknown: ignore} does); numeric
     * categories compare as float64, as {@link ClassLabels#labelOf} printed them.
     */
    @Override
    public void exportOnnx(OnnxGraph graph) {
        int skip = dropFirst ? 1 : 0;
        for (int c = 0; c < categories.size(); c++) {
            String column = rewritten().get(c);
            String x = graph.column(column);
            boolean text = graph.isText(column);
            List<String> names = indicators(c);
            List<String> values = categories.get(c);
            for (int i = 0; i < names.size(); i++) {
                String value = values.get(i + skip);
                String category = text
                        ? graph.constant(names.get(i), List.of(value))
                        : graph.constant(names.get(i), new double[] {numericCategory(column, value)});
                String equal = graph.node("Equal", List.of(x, category), Map.of());
                graph.setColumn(names.get(i), graph.node("Cast", List.of(equal), Map.of("to", 11L)), false);
            }
            graph.removeColumn(column);
        }
    }

    private static double numericCategory(String column, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UnsupportedOperationException(
                    "one-hot category '" + value + "' of column '" + column + "' is not a number", e);
        }
    }
}
