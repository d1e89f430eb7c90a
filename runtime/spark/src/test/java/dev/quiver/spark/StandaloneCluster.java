package dev.quiver.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster for one test: a Master and a Worker, each its own JVM process, on 127.0.0.1
 * and free ports, with a temporary Spark home whose {@code jars/} links every jar of this test's class path
 * (the Worker builds its executors' class path from there, as from an installed Spark). Class folders (the
 * modules of this reactor) go to the executors through {@code spark.executor.extraClassPath}. {@link #close}
 * stops both processes and deletes the home, whatever happened.
 */
final class StandaloneCluster implements AutoCloseable {

    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort;
    private final String classFolders;

    private StandaloneCluster(Path home, int masterPort, String classFolders) {
        this.home = home;
        this.masterPort = masterPort;
        this.classFolders = classFolders;
    }

    /** Starts a Master and one Worker offering {@code cores} cores, and waits until the Master listens. */
    static StandaloneCluster start(int cores) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("quiver-spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        List<String> folders = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                folders.add(path.toAbsolutePath().toString());
            } else if (entry.endsWith(".jar") && Files.exists(path)) {
                Path link = jars.resolve(path.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, path.toAbsolutePath());
                }
            }
        }
        StandaloneCluster cluster = new StandaloneCluster(home, freePort(), String.join(File.pathSeparator, folders));
        try {
            cluster.launch(
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(cluster.masterPort),
                    "--webui-port",
                    String.valueOf(freePort()));
            awaitPort(cluster.masterPort, Duration.ofSeconds(60));
            cluster.launch(
                    "org.apache.spark.deploy.worker.Worker",
                    cluster.masterUrl(),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(freePort()),
                    "--webui-port",
                    String.valueOf(freePort()),
                    "--cores",
                    String.valueOf(cores),
                    "--memory",
                    "2g",
                    "--work-dir",
                    home.resolve("work").toString());
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The class folders of this test run, for {@code spark.executor.extraClassPath}. */
    String classFolders() {
        return classFolders;
    }

    private void launch(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(List.of(System.getProperty("quiver.spark.addOpens", "").split(" ")));
        command.add("-cp");
        command.add(home.resolve("jars") + File.separator + "*" + File.pathSeparator + classFolders);
        command.add(mainClass);
        command.addAll(List.of(args));
        command.removeIf(String::isEmpty);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve(mainClass.substring(mainClass.lastIndexOf('.') + 1) + ".log")
                        .toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_WORKER_DIR", home.resolve("work").toString());
        processes.add(builder.start());
    }

    /** The log of the Master or Worker ({@code "Master"}, {@code "Worker"}), for failure messages. */
    String log(String which) {
        try {
            return Files.readString(home.resolve(which + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new Socket(java.net.InetAddress.getLoopbackAddress(), port).close();
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Spark master did not listen on 127.0.0.1:" + port + " within " + timeout);
    }

    /** Stops the Worker (and with it its executors), then the Master, and deletes the temporary Spark home. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the temporary Spark home " + home, e);
        }
    }
}
