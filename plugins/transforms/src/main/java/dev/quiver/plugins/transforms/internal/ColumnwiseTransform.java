package dev.quiver.plugins.transforms.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.transform.FittedTransform;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The shape most fitted transforms share: some named columns are rewritten, each into one or more new columns
 * at the same position, and every other column passes through unchanged, sharing the input's buffers (never
 * moved out of the input, which is only read). Subclasses say what a rewritten column becomes; this class keeps
 * output schema and output batch in step and owns the cleanup when a rewrite fails half way. Subclasses must be
 * immutable, which makes apply thread-safe.
 */
public abstract class ColumnwiseTransform implements FittedTransform {

    private final List<String> rewritten;

    protected ColumnwiseTransform(List<String> rewritten) {
        this.rewritten = List.copyOf(rewritten);
    }

    /** The columns this transform rewrites, in the order they were configured. */
    public final List<String> rewritten() {
        return rewritten;
    }

    /** The fields that replace column {@code index} of {@link #rewritten()}. */
    protected abstract List<Field> outputFields(int index, Field input);

    /**
     * Computes the vectors that replace column {@code index}, in the order of {@link #outputFields}, allocated
     * from {@code allocator}. {@code input} is only read.
     */
    protected abstract List<FieldVector> rewrite(int index, FieldVector input, BufferAllocator allocator);

    @Override
    public final Schema outputSchema(Schema input) {
        return rewrite(input, rewritten, this::outputFields);
    }

    /** What replaces the field of one rewritten column: its index among them, and the input field. */
    @FunctionalInterface
    public interface FieldRewrite {
        List<Field> apply(int index, Field input);
    }

    /**
     * {@code input} with the fields named in {@code rewritten} replaced in place: the one schema rule that
     * {@link #outputSchema} and the configured transforms' plans share, so the two cannot disagree.
     */
    public static Schema rewrite(Schema input, List<String> rewritten, FieldRewrite fields) {
        List<Field> out = new ArrayList<>();
        for (Field f : input.getFields()) {
            int index = rewritten.indexOf(f.getName());
            out.addAll(index < 0 ? List.of(f) : fields.apply(index, f));
        }
        return new Schema(out);
    }

    @Override
    public final VectorSchemaRoot apply(VectorSchemaRoot input, BufferAllocator allocator) {
        for (String name : rewritten) {
            if (input.getVector(name) == null) {
                throw QuiverException.inBatch(
                        name,
                        "the " + type() + " transform needs this column, " + "but the batch has only "
                                + ColumnChoice.names(input.getSchema()));
            }
        }
        List<FieldVector> out = Vectors.made(vectors -> {
            for (FieldVector v : input.getFieldVectors()) {
                int index = rewritten.indexOf(v.getName());
                if (index < 0) {
                    vectors.add(Vectors.share(v, input.getRowCount(), allocator));
                } else {
                    vectors.addAll(rewrite(index, v, allocator));
                }
            }
        });
        List<Field> fields = out.stream().map(FieldVector::getField).toList();
        return new VectorSchemaRoot(fields, out, input.getRowCount());
    }
}
