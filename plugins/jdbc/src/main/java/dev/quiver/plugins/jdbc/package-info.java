/**
 * A source that runs one SQL query through JDBC and streams its rows as Arrow batches (Arrow's {@code arrow-jdbc}
 * adapter over a forward-only cursor of {@code fetchSize} rows).
 */
package dev.quiver.plugins.jdbc;
