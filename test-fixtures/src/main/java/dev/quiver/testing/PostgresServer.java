package dev.quiver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away PostgreSQL server for tests: {@code initdb} in a fresh temporary folder, {@code pg_ctl start} on a
 * free port of 127.0.0.1 (and a Unix socket in that folder, never the system's), password authentication for
 * the superuser {@link #USER}; {@link #close()} stops it ({@code pg_ctl stop -m immediate}) and deletes the
 * folder, and a shutdown hook does the same if the JVM exits first.
 *
 * <p>It uses the server binaries of Debian's {@code postgresql} package ({@code /usr/lib/postgresql/N/bin}, the
 * newest N; {@code QUIVER_PG_BIN} names another folder). {@code initdb} refuses to run as root, which is how CI
 * runs, so as root every server command runs as the package's unprivileged {@code postgres} user through
 * {@code runuser}, and the temporary folder (created under {@code /tmp}, not inside a JUnit {@code @TempDir},
 * whose owner-only parents that user could not enter) is handed to that user. Without the binaries a test is
 * skipped, except under {@code CI=true}, where it fails saying what to install.
 *
 * <p>Needs a PostgreSQL JDBC driver on the test classpath for {@link #execute}. Not thread-safe; one test class
 * owns one server.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "quiver";
    public static final String PASSWORD = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    public static final String DATABASE = "postgres";

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;
    private final Thread hook;
    private boolean stopped;

    private PostgresServer(Path bin, Path folder, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.hook = new Thread(this::stopQuietly, "stop-test-postgres");
    }

    /** Starts a server, or skips the calling test (fails it under {@code CI=true}) when PostgreSQL is absent. */
    public static PostgresServer start() {
        Optional<Path> bin = binaries();
        if (bin.isEmpty()) {
            String message = "PostgreSQL's server binaries (initdb, pg_ctl) were not found under "
                    + "/usr/lib/postgresql/*/bin or QUIVER_PG_BIN; install Debian's 'postgresql' package "
                    + "(.ci/run does).";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path folder = Files.createTempDirectory(Path.of("/tmp"), "quiver-pg-");
            PostgresServer server = new PostgresServer(bin.get(), folder, freePort(), root);
            Runtime.getRuntime().addShutdownHook(server.hook);
            try {
                server.init();
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDBC URL of the {@link #DATABASE} database. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public int port() {
        return port;
    }

    /** Runs SQL statements as the superuser, each in its own auto-committed statement. */
    public void execute(String... sql) {
        try (Connection c = DriverManager.getConnection(url(), USER, PASSWORD);
                Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    /** The number of client connections open to the server other than the one asking. */
    public int openConnections() {
        try (Connection c = DriverManager.getConnection(url(), USER, PASSWORD);
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                        + "AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    private void init() throws IOException {
        Path pwfile = folder.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (asPostgresUser) {
            run(List.of("chown", "-R", "postgres:postgres", folder.toString()), false);
        }
        run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        USER,
                        "--pwfile=" + pwfile,
                        "--auth=scram-sha-256",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--no-sync",
                        "--no-instructions"),
                true);
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        folder.resolve("log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 "
                                + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                        "start"),
                true);
    }

    /** Stops the server at once (no checkpoint: the data is thrown away) and deletes its folder. Idempotent. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself, or while the JVM exits: the hook has done (or is doing) the work.
        }
    }

    private synchronized void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(
                        List.of(
                                bin.resolve("pg_ctl").toString(),
                                "-D",
                                data.toString(),
                                "-m",
                                "immediate",
                                "-w",
                                "stop"),
                        true);
            }
        } catch (RuntimeException e) {
            System.err.println(
                    "warning: could not stop the test PostgreSQL server in " + folder + ": " + e.getMessage());
        } finally {
            deleteTree(folder);
        }
    }

    private void run(List<String> command, boolean asServerUser) {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                String log = Files.exists(folder.resolve("log")) ? Files.readString(folder.resolve("log")) : "";
                throw new IllegalStateException(
                        String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8) + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static Optional<Path> binaries() {
        String configured = System.getenv("QUIVER_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(p -> Files.isExecutable(p.resolve("initdb")));
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(versions)) {
            return list.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path folder) {
        try {
            return Integer.parseInt(folder.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: a leftover folder under /tmp is harmless.
        }
    }
}
