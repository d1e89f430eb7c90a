package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A fitted {@code select} or {@code drop}: the batch loses the {@code removed} feature columns, and the
 * {@code leading} ones (select's list) come first in the order given, followed by every other column (the
 * target, columns that are not features) as they were. Columns share the input's buffers: never copied, and
 * never moved out of the input, which is only read. Immutable and thread-safe.
 */
public final class FittedSelection implements FittedTransform {

    private final String type;
    private final List<String> leading;
    private final List<String> removed;

    FittedSelection(String type, List<String> leading, List<String> removed) {
        this.type = type;
        this.leading = List.copyOf(leading);
        this.removed = List.copyOf(removed);
    }

    public static FittedSelection load(String type, StateReader state) {
        return new FittedSelection(type, state.getStrings("leading"), state.getStrings("removed"));
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Columns columns(Columns input) {
        List<String> features = new ArrayList<>(leading);
        input.features().stream()
                .filter(f -> !removed.contains(f) && !leading.contains(f))
                .forEach(features::add);
        return input.withFeatures(features);
    }

    /** The names of the output columns, given the input's. */
    private List<String> order(List<String> input) {
        List<String> out = new ArrayList<>();
        for (String name : leading) {
            if (!input.contains(name)) {
                throw QuiverException.inBatch(name, type + " keeps this column, but the batch has only " + input);
            }
            out.add(name);
        }
        input.stream().filter(n -> !removed.contains(n) && !leading.contains(n)).forEach(out::add);
        return out;
    }

    @Override
    public Schema outputSchema(Schema input) {
        List<String> names = order(ColumnChoice.names(input));
        return new Schema(names.stream()
                .map(n -> ColumnChoice.field(input, n).orElseThrow())
                .toList());
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot input, BufferAllocator allocator) {
        List<String> names = order(ColumnChoice.names(input.getSchema()));
        List<FieldVector> out = Vectors.made(vectors -> {
            for (String name : names) {
                vectors.add(Vectors.share(input.getVector(name), input.getRowCount(), allocator));
            }
        });
        List<Field> fields = out.stream().map(FieldVector::getField).toList();
        return new VectorSchemaRoot(fields, out, input.getRowCount());
    }

    @Override
    public void save(StateWriter state) {
        state.putStrings("leading", leading).putStrings("removed", removed);
    }

    @Override
    public Map<String, Object> describe() {
        return type.equals("select") ? Map.of("keep", leading, "removed", removed) : Map.of("removed", removed);
    }
}
