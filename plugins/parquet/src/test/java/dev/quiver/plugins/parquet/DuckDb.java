package dev.quiver.plugins.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** DuckDB in-process, the other Parquet implementation the tests write and read files with. */
final class DuckDb {

    private DuckDb() {}

    /** Runs {@code sql} in a fresh in-memory database. */
    static void exec(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Writes the result of {@code select} to {@code file} as Parquet, in row groups of {@code rowGroup} rows. */
    static Path write(Path file, String select, int rowGroup) {
        exec("COPY (" + select + ") TO '" + file + "' (FORMAT PARQUET, ROW_GROUP_SIZE " + rowGroup + ")");
        return file;
    }

    /** Every row of {@code query}, each cell as JDBC's getObject returns it. */
    static List<List<Object>> rows(String query) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            List<List<Object>> rows = new ArrayList<>();
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
