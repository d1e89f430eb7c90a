package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus: every folder under {@code src/test/resources/hostile/} is one input a careless or
 * malicious user could give Quiver, with a {@code case.cfg} saying the command, the documented exit code
 * and a regular expression its message must match (naming the file and line:column where there is one). For each
 * case the folder is copied into a fresh temporary folder, every file's type, mode and content hash is recorded,
 * the CLI runs in-process, and the test asserts the four invariants: the exit code, the message, no stack trace,
 * and afterwards nothing new in the folder (but what the case allows, a successful run's output) and every
 * pre-existing file unchanged. The focused tests (OutputSafetyTest, PredictSafetyTest, SafeYamlTest, ...) check
 * each behaviour in depth; this is the one place that checks all four invariants for every hostile input.
 *
 * <p>{@code case.cfg} holds {@code key = value} lines (taken literally, so a regex needs no doubled backslashes): {@code args} (space-separated; {@code {dir}} is the case's temporary folder),
 * {@code exit}, {@code message} ({@code {dir}} is the folder, quoted), {@code allow} (a regex of relative paths
 * the command may create; default none), {@code setup} (steps run before the snapshot, separated by {@code ;}:
 * {@code bundle[:NAME.yaml]} trains {@code _bundle/tiny.yaml} (or NAME.yaml) into {@code run/}, {@code mkfifo:PATH}, {@code delete:PATH},
 * {@code edit:PATH:REGEX=>REPLACEMENT}, {@code hex:PATH:BYTES}, {@code head:FROM:TO:N} copies N bytes), and
 * {@code pending} (a reason: the case is skipped until that behaviour lands; delete the key to enable it).
 */
class HostileCorpusTest {

    private static final Pattern STACK_TRACE = Pattern.compile("\tat |Exception in thread");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyHostileInput() throws IOException, URISyntaxException {
        Path corpus = Path.of(HostileCorpusTest.class.getResource("/hostile").toURI());
        List<Path> cases;
        try (Stream<Path> folders = Files.list(corpus)) {
            cases = folders.filter(f -> Files.isRegularFile(f.resolve("case.cfg")))
                    .sorted()
                    .toList();
        }
        assertTrue(cases.size() >= 25, "the corpus is there: " + cases);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(corpus, c)));
    }

    private void check(Path corpus, Path source) throws Exception {
        Map<String, String> spec = readSpec(source.resolve("case.cfg"));
        assumeTrue(!spec.containsKey("pending"), () -> "pending: " + spec.get("pending"));
        Path dir = Files.createDirectory(temp.resolve(source.getFileName().toString()));
        copyInputs(source, dir);
        for (String step : spec.getOrDefault("setup", "").split(";")) {
            setup(corpus, dir, step.strip());
        }
        Map<String, String> before = snapshot(dir);

        String[] args = Stream.of(spec.get("args").strip().split("\\s+"))
                .map(a -> a.replace("{dir}", dir.toString()))
                .toArray(String[]::new);
        PipelinesTest.Result r = PipelinesTest.quiver(args);
        String said = "exit " + r.code() + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err();

        assertEquals(Integer.parseInt(spec.get("exit").strip()), r.code(), said);
        String message = spec.get("message").strip().replace("{dir}", Pattern.quote(dir.toString()));
        assertTrue(Pattern.compile(message).matcher(r.out() + r.err()).find(), "message /" + message + "/ in " + said);
        assertFalse(STACK_TRACE.matcher(r.out() + r.err()).find(), "no stack trace: " + said);

        Map<String, String> after = snapshot(dir);
        Pattern allowed = Pattern.compile(spec.getOrDefault("allow", "").strip());
        List<String> leftBehind = after.keySet().stream()
                .filter(p -> !before.containsKey(p) && !allowed.matcher(p).matches())
                .toList();
        assertEquals(List.of(), leftBehind, "nothing left behind; " + said);
        for (Map.Entry<String, String> file : before.entrySet()) {
            assertEquals(file.getValue(), after.get(file.getKey()), file.getKey() + " unchanged; " + said);
        }
    }

    /** {@code key = value} lines, {@code #} comments; values are taken literally (no escapes, unlike .properties). */
    private static Map<String, String> readSpec(Path file) throws IOException {
        Map<String, String> spec = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                int eq = line.indexOf('=');
                assertTrue(eq > 0, file + ": not key = value: " + line);
                spec.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        for (String key : List.of("args", "exit", "message")) {
            assertTrue(spec.containsKey(key), file + " says " + key);
        }
        return spec;
    }

    private static void copyInputs(Path source, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals("case.cfg")) {
                    Path to = dir.resolve(source.relativize(file).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to);
                }
            }
        }
    }

    private static void setup(Path corpus, Path dir, String step) throws Exception {
        if (step.isEmpty()) {
            return;
        }
        String[] part = step.split(":", 4);
        switch (part[0]) {
            case "bundle" -> {
                copyInputs(corpus.resolve("_bundle"), dir);
                String pipeline = part.length > 1 ? part[1] : "tiny.yaml";
                PipelinesTest.Result r = PipelinesTest.quiver(
                        "run",
                        dir.resolve(pipeline).toString(),
                        "--out",
                        dir.resolve("run").toString());
                assertEquals(0, r.code(), r.out() + r.err());
            }
            case "mkfifo" ->
                assumeTrue(
                        new ProcessBuilder("mkfifo", dir.resolve(part[1]).toString())
                                        .start()
                                        .waitFor()
                                == 0,
                        "no mkfifo");
            case "delete" -> Files.delete(dir.resolve(part[1]));
            case "edit" -> {
                String[] change = step.split(":", 3)[2].split("=>", 2);
                Path file = dir.resolve(part[1]);
                String text = Files.readString(file);
                Matcher m = Pattern.compile(change[0]).matcher(text);
                assertTrue(m.find(), "/" + change[0] + "/ in " + file + ": " + text);
                Files.writeString(file, m.replaceFirst(change[1]));
            }
            case "hex" -> Files.write(dir.resolve(part[1]), HexFormat.of().parseHex(part[2]));
            case "head" -> {
                byte[] bytes = Files.readAllBytes(dir.resolve(part[1]));
                int n = Integer.parseInt(part[3]);
                assertTrue(n < bytes.length, "truncating " + part[1] + " of " + bytes.length + " bytes");
                Files.write(dir.resolve(part[2]), java.util.Arrays.copyOf(bytes, n));
            }
            default -> fail("unknown setup step '" + step + "'");
        }
    }

    /** Every path under {@code dir} (relative, '/'-separated) to its type, mode and, for files, content hash. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> state = new TreeMap<>();
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir)).forEach(paths::add);
        }
        for (Path p : paths) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String mode = PosixFilePermissions.toString(a.permissions());
            String what = a.isRegularFile()
                    ? "file " + sha256(p)
                    : a.isDirectory() ? "dir" : a.isSymbolicLink() ? "link " + Files.readSymbolicLink(p) : "other";
            state.put(dir.relativize(p).toString().replace('\\', '/'), what + " " + mode);
        }
        return state;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
