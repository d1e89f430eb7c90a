package dev.quiver.plugins.jdbc;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.Source;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.plugins.jdbc.internal.Database;
import java.util.List;

/**
 * {@code source: {type: jdbc, url: "jdbc:postgresql://host/db", query: "SELECT ...", user: ..., password:
 * ${PGPASSWORD}}}: the rows of a query. The password is a {@linkplain Option#secret() secret}: it is recorded as
 * {@code ***} and never appears in a message. Stateless and thread-safe.
 */
public final class JdbcSourceFactory implements SourceFactory {

    public static final Option<String> URL = Option.string("url", null)
            .required()
            .describe("The JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/sales. PostgreSQL's driver is bundled; "
                    + "for another database put its driver's jar on the classpath (pipelines/target/lib).");
    public static final Option<String> QUERY = Option.string("query", null)
            .required()
            .describe("The SELECT whose rows are the table. Give it an ORDER BY for a row order that is the same on "
                    + "every pass (SQL promises none otherwise); it is run once per pass.");
    public static final Option<String> USER = Option.string("user", null)
            .describe("The database user; absent: whatever the URL or the driver's defaults say.");
    public static final Option<String> PASSWORD = Option.string("password", null)
            .secret()
            .describe("The user's password; write it as ${PGPASSWORD} (an environment variable), not in the file. "
                    + "Recorded as *** in the run folder, and never shown in messages.");
    public static final Option<Integer> FETCH_SIZE = Option.integer("fetchSize", 10_000)
            .atLeast(1)
            .describe("Rows fetched from the server per round trip, which is also the batch size: the driver holds "
                    + "one fetch at a time (a cursor), so memory does not grow with the table.");

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public String description() {
        return "Reads the rows of a SQL query through JDBC, streamed with a cursor.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(URL, QUERY, USER, PASSWORD, FETCH_SIZE);
    }

    @Override
    public Source create(Config config, PluginContext context) {
        String url = config.get(URL);
        String query = config.get(QUERY);
        if (!url.startsWith("jdbc:")) {
            config.problem(URL.name(), "a JDBC URL starts with 'jdbc:', e.g. jdbc:postgresql://127.0.0.1:5432/db");
        }
        Database database = new Database(url, config.get(USER), config.get(PASSWORD));
        return new JdbcSource(database, query, config.get(FETCH_SIZE));
    }
}
