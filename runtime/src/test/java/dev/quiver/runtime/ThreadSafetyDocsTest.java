package dev.quiver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of the runtime outside {@code internal} packages says in its Javadoc whether it is
 * thread-safe (the word "thread" in the Javadoc right above its declaration), so an embedding service never has
 * to guess which instances it may share.
 */
class ThreadSafetyDocsTest {

    private static final Pattern DECLARATION = Pattern.compile(
            "^public (?:final |abstract |sealed |non-sealed )*(?:class|record|enum|interface|@interface) ",
            Pattern.MULTILINE);

    @Test
    void everyPublicTypeSaysWhetherItIsThreadSafe() throws IOException {
        Path sources = Path.of(System.getProperty("basedir", ".")).resolve("src/main/java");
        List<String> silent = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString();
                if (name.equals("package-info.java") || file.toString().contains("/internal/")) {
                    continue;
                }
                String text = Files.readString(file);
                Matcher m = DECLARATION.matcher(text);
                if (!m.find()) {
                    continue;
                }
                checked++;
                int end = text.lastIndexOf("*/", m.start());
                int start = text.lastIndexOf("/**", m.start());
                boolean documented = start >= 0
                        && end > start
                        && text.substring(end, m.start())
                                .lines()
                                .allMatch(l -> l.isBlank()
                                        || l.strip().startsWith("@")
                                        || l.strip().equals("*/"))
                        && text.substring(start, end)
                                .toLowerCase(java.util.Locale.ROOT)
                                .contains("thread");
                if (!documented) {
                    silent.add(sources.relativize(file).toString());
                }
            }
        }
        assertTrue(checked > 30, "found the public types: " + checked);
        assertEquals(List.of(), silent, "public types whose Javadoc does not say whether they are thread-safe");
    }
}
