package dev.quiver.plugins.jdbc;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.plugins.jdbc.internal.ColumnTypes;
import dev.quiver.plugins.jdbc.internal.Database;
import dev.quiver.plugins.jdbc.internal.QueryBatchReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A configured query. Thread-safe: the columns are learned once, from the prepared statement's metadata (the
 * query is not run for it), and every {@link #open} runs the query on a connection of its own, closed with the
 * reader. {@link #select} keeps the named columns in the batches (the query still decides what the database
 * sends).
 */
final class JdbcSource implements Source {

    private final Database database;
    private final String query;
    private final int fetchSize;
    /** Null for every column of the query. */
    private final List<String> columns;

    private volatile ColumnTypes.Declared declared;

    JdbcSource(Database database, String query, int fetchSize) {
        this(database, query, fetchSize, null, null);
    }

    private JdbcSource(
            Database database, String query, int fetchSize, List<String> columns, ColumnTypes.Declared declared) {
        this.database = database;
        this.query = query;
        this.fetchSize = fetchSize;
        this.columns = columns == null ? null : List.copyOf(columns);
        this.declared = declared;
    }

    @Override
    public Schema schema() {
        Schema all = declared().schema();
        return columns == null
                ? all
                : new Schema(all.getFields().stream()
                        .filter(f -> columns.contains(f.getName()))
                        .toList());
    }

    @Override
    public Source select(List<String> names) {
        return new JdbcSource(database, query, fetchSize, names, declared());
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        Schema schema = schema();
        for (Field field : schema.getFields()) {
            String type = declared().unreadable().get(field.getName());
            if (type != null) {
                throw QuiverException.data(
                        describe(),
                        0,
                        field.getName(),
                        "the column has SQL type " + type
                                + ", which Quiver does not read (it reads integers, real/double/numeric, booleans, text, "
                                + "dates and times); leave it out of the query or cast it in SQL.");
            }
        }
        return QueryBatchReader.open(database, query, fetchSize, schema, allocator);
    }

    @Override
    public String describe() {
        return database.describe();
    }

    private ColumnTypes.Declared declared() {
        ColumnTypes.Declared result = declared;
        if (result == null) {
            try (Connection connection = database.connect();
                    PreparedStatement statement = connection.prepareStatement(query)) {
                ResultSetMetaData meta = statement.getMetaData();
                if (meta == null) {
                    // Drivers may only know the columns once the query runs: run it for one row.
                    statement.setMaxRows(1);
                    try (ResultSet rows = statement.executeQuery()) {
                        result = ColumnTypes.declare(rows.getMetaData());
                    }
                } else {
                    result = ColumnTypes.declare(meta);
                }
            } catch (SQLException e) {
                throw database.failure(e, "the query of " + describe() + " cannot be run");
            }
            declared = result;
        }
        return result;
    }
}
