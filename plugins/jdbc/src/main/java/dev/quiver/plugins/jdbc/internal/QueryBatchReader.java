package dev.quiver.plugins.jdbc.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One run of the query: its own connection, a forward-only read-only statement with the fetch size set (and
 * auto-commit off, which PostgreSQL's driver needs to use a cursor rather than fetch every row at once), and
 * arrow-jdbc's iterator filling batches of {@code fetchSize} rows. Each batch's declared columns are transferred
 * into {@link #root()} without copying.
 *
 * <p>Owns the connection, the statement, the result set, the iterator and the root; {@link #close()} releases
 * them all, and so does every failure, so no connection outlives its reader. Not thread-safe.
 */
public final class QueryBatchReader implements BatchReader {

    private final Database database;
    private final Schema schema;
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final ArrowVectorIterator batches;
    private final VectorSchemaRoot root;
    private long rowsRead;
    private boolean finished;
    private boolean closed;

    private QueryBatchReader(
            Database database,
            Schema schema,
            Connection connection,
            PreparedStatement statement,
            ResultSet rows,
            ArrowVectorIterator batches,
            BufferAllocator allocator) {
        this.database = database;
        this.schema = schema;
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.batches = batches;
        this.root = VectorSchemaRoot.create(schema, allocator);
    }

    /** Connects and runs {@code query}; on any failure everything opened so far is closed again. */
    public static QueryBatchReader open(
            Database database, String query, int fetchSize, Schema schema, BufferAllocator allocator) {
        Connection connection = database.connect();
        PreparedStatement statement = null;
        ResultSet rows = null;
        ArrowVectorIterator batches = null;
        try {
            connection.setAutoCommit(false);
            statement = connection.prepareStatement(query, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            rows = statement.executeQuery();
            batches = JdbcToArrow.sqlToArrowVectorIterator(rows, ColumnTypes.config(allocator, fetchSize));
            return new QueryBatchReader(database, schema, connection, statement, rows, batches, allocator);
        } catch (SQLException e) {
            closeAll(batches, rows, statement, connection, e);
            throw database.failure(e, "the query of " + database.describe() + " failed");
        } catch (IOException e) {
            closeAll(batches, rows, statement, connection, e);
            throw new QuiverException(
                    ErrorCode.DATA,
                    database.redact("reading the rows of " + database.describe() + " failed: " + e.getMessage()),
                    null);
        } catch (RuntimeException e) {
            closeAll(batches, rows, statement, connection, e);
            throw unwrap(database, e, 0);
        }
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean loadNextBatch() {
        if (closed) {
            throw new IllegalStateException("reader of " + database.describe() + " is closed");
        }
        if (!finished) {
            try {
                while (batches.hasNext()) {
                    // A new root per batch (arrow-jdbc's reused root cannot have its vectors taken away): ours to
                    // close once its vectors are moved into the reader's root.
                    try (VectorSchemaRoot batch = batches.next()) {
                        if (batch.getRowCount() == 0) {
                            continue;
                        }
                        root.clear();
                        for (Field field : schema.getFields()) {
                            FieldVector from = batch.getVector(field.getName());
                            from.makeTransferPair(root.getVector(field.getName()))
                                    .transfer();
                        }
                        root.setRowCount(batch.getRowCount());
                    }
                    rowsRead += root.getRowCount();
                    return true;
                }
            } catch (RuntimeException e) {
                throw unwrap(database, e, rowsRead);
            }
            finished = true;
        }
        root.clear(); // the contract says the root is empty at the end; this also frees the last batch early
        return false;
    }

    /** arrow-jdbc reports a failed fetch as a RuntimeException around the driver's SQLException. */
    private static QuiverException unwrap(Database database, RuntimeException e, long rowsRead) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return database.failure(
                        sql, "reading the rows of " + database.describe() + " failed after row " + rowsRead);
            }
        }
        if (e instanceof QuiverException q) {
            return q;
        }
        return new QuiverException(
                ErrorCode.DATA,
                database.redact("reading the rows of " + database.describe() + " failed after row " + rowsRead + ": "
                        + e.getMessage()),
                null);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = new RuntimeException("closing");
        root.close();
        closeAll(batches, rows, statement, connection, failure);
        if (failure.getSuppressed().length > 0) {
            Throwable first = failure.getSuppressed()[0];
            throw new QuiverException(
                    ErrorCode.DATA,
                    database.redact("cannot close the query of " + database.describe() + ": " + first.getMessage()),
                    null);
        }
    }

    /** Closes each non-null resource, newest first, adding any failure to {@code failure} as suppressed. */
    private static void closeAll(
            ArrowVectorIterator batches,
            ResultSet rows,
            PreparedStatement statement,
            Connection connection,
            Exception failure) {
        AutoCloseable[] all = {batches, rows, statement, connection};
        for (AutoCloseable resource : all) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
