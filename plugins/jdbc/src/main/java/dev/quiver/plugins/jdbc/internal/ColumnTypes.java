package dev.quiver.plugins.jdbc.internal;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.apache.arrow.adapter.jdbc.JdbcFieldInfo;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * How SQL column types become Arrow types: arrow-jdbc's own mapping (integers, {@code real}, {@code double},
 * {@code boolean}, text, dates and times...), except that {@code numeric}/{@code decimal} become float64, which is
 * what a model reads (arrow-jdbc would make a decimal that no model can use, and fail on an unconstrained
 * {@code numeric}). A type arrow-jdbc cannot map ({@code json}, {@code uuid}, arrays...) is declared as Arrow's
 * null type, so a plan can name it as a column that cannot be a feature, and refused by name when read.
 * Stateless.
 */
public final class ColumnTypes {

    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    private ColumnTypes() {}

    /** The declared schema of a result with this metadata, and the SQL type names of the unreadable columns. */
    public record Declared(Schema schema, Map<String, String> unreadable) {}

    public static Declared declare(ResultSetMetaData meta) throws SQLException {
        List<Field> fields = new ArrayList<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i);
            Optional<ArrowType> type = arrowType(new JdbcFieldInfo(meta, i));
            if (type.isEmpty()) {
                unreadable.put(name, meta.getColumnTypeName(i));
            }
            boolean nullable = meta.isNullable(i) != ResultSetMetaData.columnNoNulls;
            fields.add(new Field(name, new FieldType(nullable, type.orElse(ArrowType.Null.INSTANCE), null), null));
        }
        return new Declared(new Schema(fields), unreadable);
    }

    /** arrow-jdbc's configuration reading batches of {@code batchSize} rows, each into a new root. */
    public static JdbcToArrowConfig config(BufferAllocator allocator, int batchSize) {
        return new JdbcToArrowConfigBuilder(allocator, calendar())
                .setTargetBatchSize(batchSize)
                .setReuseVectorSchemaRoot(false)
                .setJdbcToArrowTypeConverter(info -> arrowType(info).orElse(ArrowType.Null.INSTANCE))
                .build();
    }

    private static Optional<ArrowType> arrowType(JdbcFieldInfo info) {
        if (info.getJdbcType() == Types.NUMERIC || info.getJdbcType() == Types.DECIMAL) {
            return Optional.of(FLOAT64);
        }
        try {
            return Optional.ofNullable(JdbcToArrowUtils.getArrowTypeFromJdbcType(info, calendar()));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Timestamps are read in UTC, whatever the JVM's zone, so that a run does not depend on the machine. */
    private static Calendar calendar() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
