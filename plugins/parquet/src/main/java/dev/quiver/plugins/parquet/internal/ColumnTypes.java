package dev.quiver.plugins.parquet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Which Arrow types a Parquet column may arrive as and what the source declares for each: integers, float32,
 * float64, booleans and strings as they are; a dictionary-encoded string column (Arrow C++ keeps the dictionary
 * when the file's stored Arrow schema says so, as pyarrow writes categoricals) decoded to plain strings.
 * Anything else (nested lists and structs, dates, timestamps, decimals, binary) is unsupported: declared as it
 * is, so a pipeline that does not read that column is unaffected, and refused by name when a reader would read
 * it. Stateless.
 */
public final class ColumnTypes {

    private ColumnTypes() {}

    /** The schema the source declares for a file whose Arrow schema is {@code file}; no schema metadata. */
    public static Schema declared(Schema file) {
        List<Field> fields = new ArrayList<>(file.getFields().size());
        for (Field field : file.getFields()) {
            fields.add(declared(field));
        }
        return new Schema(fields);
    }

    private static Field declared(Field field) {
        if (field.getDictionary() != null) {
            return new Field(field.getName(), new FieldType(field.isNullable(), ArrowType.Utf8.INSTANCE, null), null);
        }
        if (unsupported(field).isPresent()) {
            return field;
        }
        return new Field(field.getName(), new FieldType(field.isNullable(), field.getType(), null), null);
    }

    /** Why a column of this (declared) type cannot be read, or empty when it can. */
    public static Optional<String> unsupported(Field field) {
        ArrowType type = field.getType();
        switch (type.getTypeID()) {
            case Int, Bool, Utf8:
                return Optional.empty();
            case FloatingPoint:
                return ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.HALF
                        ? Optional.of("is float16, which Quiver does not read")
                        : Optional.empty();
            case List, LargeList, FixedSizeList, ListView, LargeListView, Struct, Map, Union, RunEndEncoded:
                return Optional.of(
                        "is nested (" + type + "); Quiver reads flat columns only: flatten it " + "before training");
            default:
                return Optional.of("has type " + type + ", which Quiver does not read (it reads integers, "
                        + "float32/float64, booleans and strings)");
        }
    }
}
