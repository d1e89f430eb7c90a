package dev.quiver.engine.data;

import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.model.ClassLabels;
import org.apache.arrow.vector.FieldVector;

/**
 * How a target column becomes the float targets a loss reads: the value itself (regression), a class index
 * (losses with {@code classIndexTargets()}), 0/1 for a single binary logit, or a one-hot row. Immutable.
 */
public final class Targets {

    private enum Kind {
        VALUE,
        INDEX,
        BINARY,
        ONE_HOT
    }

    private final Kind kind;
    private final ClassLabels labels;

    private Targets(Kind kind, ClassLabels labels) {
        this.kind = kind;
        this.labels = labels;
    }

    public static Targets values() {
        return new Targets(Kind.VALUE, null);
    }

    /**
     * Targets for a classifier with {@code outputs} logits per row under a loss that does, or does not, take
     * class indices.
     */
    public static Targets classes(ClassLabels labels, int outputs, boolean classIndexTargets) {
        if (classIndexTargets) {
            return new Targets(Kind.INDEX, labels);
        }
        return new Targets(outputs == 1 ? Kind.BINARY : Kind.ONE_HOT, labels);
    }

    /** Floats per row. */
    public int width() {
        return kind == Kind.ONE_HOT ? labels.size() : 1;
    }

    /**
     * Writes the targets of rows {@code [0, rows)} of {@code column} at {@code dst[offset...]}; returns the first
     * row whose value target is not finite in float32 (missing, infinite or too large), or -1.
     */
    public int encode(FieldVector column, int rows, float[] dst, int offset) {
        switch (kind) {
            case VALUE -> {
                ArrowColumns.copyFloats(column, dst, offset, 1);
                for (int r = 0; r < rows; r++) {
                    if (!Float.isFinite(dst[offset + r])) {
                        return r;
                    }
                }
            }
            case INDEX, BINARY -> {
                for (int r = 0; r < rows; r++) {
                    dst[offset + r] = labels.indexOf(column, r);
                }
            }
            case ONE_HOT -> {
                int k = labels.size();
                java.util.Arrays.fill(dst, offset, offset + rows * k, 0f);
                for (int r = 0; r < rows; r++) {
                    dst[offset + r * k + labels.indexOf(column, r)] = 1f;
                }
            }
        }
        return -1;
    }

    /** The class index of row {@code r} of encoded targets (classifiers only). */
    public int classOf(float[] encoded, int r) {
        if (kind != Kind.ONE_HOT) {
            return (int) encoded[r];
        }
        int k = labels.size();
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (encoded[r * k + c] > encoded[r * k + best]) {
                best = c;
            }
        }
        return best;
    }

    public boolean isClassification() {
        return kind != Kind.VALUE;
    }
}
