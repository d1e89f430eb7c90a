package dev.quiver.plugins.jdbc.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Where the rows live: a JDBC URL and the credentials for it, and the one place that opens connections and words
 * their failures. The password is kept here only: {@link #describe()} and every message this class makes have
 * it, and any {@code password=} in the URL, replaced by {@code ***}. Immutable and thread-safe.
 */
public final class Database {

    private static final Pattern URL_SECRET = Pattern.compile("(?i)((?:password|passwd|pwd)=)[^&;]*");

    private final String url;
    private final String user;
    private final String password;

    public Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The URL without its parameters (they may hold credentials). */
    public String describe() {
        int params = url.indexOf('?');
        return params < 0 ? redact(url) : url.substring(0, params);
    }

    /**
     * A new connection, from the first driver on this plugin's class path (or the thread's) that accepts the URL.
     * Drivers are looked up with {@link ServiceLoader} rather than {@link java.sql.DriverManager}, which only sees
     * the drivers of the system class loader.
     */
    public Connection connect() {
        Driver driver = driver();
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        try {
            Connection connection = driver.connect(url, properties);
            if (connection == null) {
                throw new QuiverException(
                        ErrorCode.CONFIG,
                        "The JDBC driver " + driver.getClass().getName() + " does not accept the URL " + describe()
                                + ".");
            }
            return connection;
        } catch (SQLException e) {
            throw failure(e, "cannot connect to " + describe());
        }
    }

    private Driver driver() {
        for (ClassLoader loader : new ClassLoader[] {
            Database.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
        }) {
            for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                try {
                    if (driver.acceptsURL(url)) {
                        return driver;
                    }
                } catch (SQLException e) {
                    // A driver that cannot even judge the URL is not the one for it.
                }
            }
        }
        int end = url.indexOf(':', "jdbc:".length());
        String scheme = end < 0 ? url : url.substring(0, end + 1);
        throw new QuiverException(
                ErrorCode.CONFIG,
                "No JDBC driver for " + scheme + " URLs is installed (PostgreSQL's "
                        + "is bundled). Put the database's JDBC driver jar on Quiver's classpath, e.g. in pipelines/target/lib.");
    }

    /**
     * A {@link QuiverException} for a failed database call: the database's own words (redacted) after
     * {@code what}. Refused credentials, a query naming a missing table or column, or one without permission are
     * the pipeline's mistakes (CONFIG, exit 2); anything else, an unreachable server say, is a DATA failure.
     */
    public QuiverException failure(SQLException e, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean config =
                state.startsWith("28") || state.startsWith("42") || state.startsWith("3D") || state.startsWith("3F");
        // Drivers write details on further lines (PostgreSQL's "  Position: 15"); a problem is one line.
        String message = redact(what + ": " + e.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; ");
        if (state.startsWith("28")) {
            message += " Check the source's user and password.";
        }
        return new QuiverException(
                config ? ErrorCode.CONFIG : ErrorCode.DATA,
                message.endsWith(".") ? message : message + ".",
                new SQLException(redact(String.valueOf(e.getMessage())), e.getSQLState(), e.getErrorCode()));
    }

    /** {@code text} with the password, and any credentials in a URL, replaced by {@code ***}. */
    public String redact(String text) {
        String result = URL_SECRET.matcher(text).replaceAll("$1***");
        if (password != null && !password.isEmpty()) {
            result = result.replace(password, "***");
        }
        return result;
    }
}
