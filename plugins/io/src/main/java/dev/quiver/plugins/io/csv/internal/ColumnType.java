package dev.quiver.plugins.io.csv.internal;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** The column types a CSV file is read as, by the names pipeline files use for them. */
public enum ColumnType {
    INT64("int64", new ArrowType.Int(64, true)),
    FLOAT64("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    BOOL("bool", ArrowType.Bool.INSTANCE),
    UTF8("utf8", ArrowType.Utf8.INSTANCE);

    private final String label;
    private final ArrowType arrowType;

    ColumnType(String label, ArrowType arrowType) {
        this.label = label;
        this.arrowType = arrowType;
    }

    /** The spelling in pipeline files and messages. */
    public String label() {
        return label;
    }

    public ArrowType arrowType() {
        return arrowType;
    }

    /** Every label, in declaration order: the choices of a {@code schema:} entry. */
    public static String[] labels() {
        return Arrays.stream(values()).map(ColumnType::label).toArray(String[]::new);
    }

    public static ColumnType ofLabel(String label) {
        for (ColumnType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown column type '" + label + "'; expected one of " + List.of(labels()));
    }
}
