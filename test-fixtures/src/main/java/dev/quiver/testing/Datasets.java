package dev.quiver.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled datasets (iris, wine, digits, diabetes, house_prices, spam; see {@code pipelines/data}), as files.
 *
 * <p>They travel inside this jar, so a test anywhere can get a real path to one without knowing where the
 * repository is. Thread-safe; each file is extracted once per JVM.
 */
public final class Datasets {

    public static final String IRIS = "iris.csv";
    public static final String WINE = "wine.csv";
    public static final String DIGITS = "digits.csv";
    public static final String DIABETES = "diabetes.csv";
    public static final String HOUSE_PRICES = "house_prices.csv";
    /** Word counts of short messages labelled spam or ham (synthetic; see plugins/naive-bayes/src/test/python). */
    public static final String SPAM = "spam.csv";

    private static final ConcurrentHashMap<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private Datasets() {}

    /** A readable file holding the named dataset. */
    public static Path path(String name) {
        return EXTRACTED.computeIfAbsent(name, Datasets::extract);
    }

    private static Path extract(String name) {
        try (InputStream in = Datasets.class.getResourceAsStream("/datasets/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled dataset " + name);
            }
            Path dir = Files.createTempDirectory("quiver-datasets");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
