package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The build gate for package documentation: every package of main code in the repository (every module, the
 * optional Spark one and the examples included) has a {@code package-info.java}, where its Javadoc says what the
 * package is for. This module sits last in the reactor, so the walk sees every module's sources; a package added
 * without one fails {@code mvn verify}.
 */
class PackageInfoTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", "."))
            .toAbsolutePath()
            .normalize()
            .getParent();

    @Test
    void everyMainPackageHasAPackageInfo() throws IOException {
        List<Path> packages;
        try (Stream<Path> files = Files.walk(ROOT)) {
            packages = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f ->
                            ROOT.relativize(f).toString().replace('\\', '/').contains("/src/main/java/"))
                    .filter(f -> !ROOT.relativize(f).toString().contains("/target/"))
                    .map(Path::getParent)
                    .distinct()
                    .sorted()
                    .toList();
        }
        List<String> missing = packages.stream()
                .filter(dir -> !Files.isRegularFile(dir.resolve("package-info.java")))
                .map(dir -> ROOT.relativize(dir).toString())
                .toList();
        assertTrue(packages.size() > 50, "found the main packages: " + packages.size());
        assertEquals(List.of(), missing, "main packages without a package-info.java");
    }
}
