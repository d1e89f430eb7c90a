package dev.quiver.runtime.registry.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads plugin folders laid out as Trino's {@code plugin/}: each entry of a folder is one plugin bundle, either a
 * subfolder holding that plugin's jars or one self-contained jar. Other files are ignored (a README, say). Stateless.
 */
public final class PluginFolders {

    /**
     * One plugin's jars.
     *
     * @param location the subfolder or the jar, absolute, as {@code quiver plugins} shows it
     * @param jars the jars, in name order
     */
    public record Bundle(Path location, List<Path> jars) {
        public Bundle {
            jars = List.copyOf(jars);
        }

        public List<URL> urls() {
            List<URL> out = new ArrayList<>();
            for (Path jar : jars) {
                try {
                    out.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException("a file path is always a URL: " + jar, e);
                }
            }
            return out;
        }
    }

    private PluginFolders() {}

    /**
     * The bundles of every folder, folder by folder, each folder's in name order.
     *
     * @throws QuiverException ({@link ErrorCode#CONFIG}) when a folder does not exist, is not a folder, or cannot
     *     be read
     */
    public static List<Bundle> scan(List<Path> folders) {
        List<Bundle> out = new ArrayList<>();
        for (Path folder : folders) {
            Path dir = folder.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new QuiverException(
                        ErrorCode.CONFIG,
                        "plugin folder " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist")
                                + "; a plugin folder holds one subfolder of jars, or one jar, per plugin");
            }
            for (Path entry : list(dir)) {
                if (Files.isDirectory(entry)) {
                    List<Path> jars =
                            list(entry).stream().filter(PluginFolders::isJar).toList();
                    out.add(new Bundle(entry, jars));
                } else if (isJar(entry)) {
                    out.add(new Bundle(entry, List.of(entry)));
                }
            }
        }
        return out;
    }

    private static boolean isJar(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.CONFIG, "cannot read plugin folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
