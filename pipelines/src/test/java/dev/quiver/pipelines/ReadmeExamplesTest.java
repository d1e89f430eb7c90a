package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the repository's README.md compiles (javax.tools, {@code -Werror}) against
 * this module's test class path, so the README's examples cannot rot. Each block is a whole compilation unit
 * with its imports, as a reader would paste it. A block fenced {@code ```java excerpt} shows part of a class
 * whose rest the text describes, and is not compiled.
 */
class ReadmeExamplesTest {

    private static final Path README = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .normalize()
            .resolveSibling("README.md");

    private static final Pattern TYPE_NAME =
            Pattern.compile("^(?:public )?(?:final )?(?:class|record|interface|enum) (\\w+)", Pattern.MULTILINE);

    @TempDir
    Path classes;

    @Test
    void everyJavaBlockOfTheReadmeCompiles() throws IOException {
        List<String> blocks = javaBlocks(Files.readAllLines(README));
        assertTrue(blocks.size() >= 2, "the README's java blocks: " + blocks.size());
        assertTrue(
                blocks.stream().anyMatch(b -> b.contains("model.predict(List.of(")), "the rows example is among them");

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            Matcher type = TYPE_NAME.matcher(block);
            assertTrue(type.find(), "block " + (i + 1) + " declares a class:\n" + block);
            JavaFileObject source = new Source(type.group(1), block);
            StringWriter diagnostics = new StringWriter();
            try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
                boolean ok = compiler.getTask(
                                diagnostics,
                                files,
                                null,
                                List.of(
                                        "-classpath",
                                        classPath(),
                                        "-d",
                                        Files.createDirectories(classes.resolve("b" + i))
                                                .toString(),
                                        "-Xlint:all",
                                        "-Werror",
                                        "-proc:none"),
                                null,
                                List.of(source))
                        .call();
                assertEquals("", ok ? "" : diagnostics.toString(), "README java block " + (i + 1) + ":\n" + block);
            }
        }
    }

    /** The text of each block opened by a line that is exactly {@code ```java}. */
    static List<String> javaBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (current == null && line.strip().equals("```java")) {
                current = new StringBuilder();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** The test class path, expanded from surefire's manifest-only jar when it uses one. */
    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("surefirebooter") && entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry)) {
                    String manifest = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : manifest.split(" ")) {
                        if (!url.isBlank()) {
                            entries.add(Path.of(URI.create(url)).toString());
                        }
                    }
                }
            } else {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** One README block as an in-memory source file named after its class. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
