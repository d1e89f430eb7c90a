package dev.quiver.plugins.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.model.PredictionColumns;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The predict_proba tables {@code src/test/python/make_goldens.py} wrote with scikit-learn: a header
 * {@code # class class...} and one line of probabilities per row.
 */
record Golden(List<String> classes, double[][] probabilities) {

    static Golden read(String name) {
        try {
            List<String> lines = Files.readAllLines(path(name + ".txt"));
            List<String> classes = List.of(lines.get(0).substring(2).split(" "));
            double[][] p = lines.subList(1, lines.size()).stream()
                    .map(l -> Arrays.stream(l.split(" "))
                            .mapToDouble(Double::parseDouble)
                            .toArray())
                    .toArray(double[][]::new);
            return new Golden(classes, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The probe messages the spam goldens were computed for. */
    static TableData probes() {
        return SimpleCsv.read(path("probes.csv"));
    }

    private static Path path(String file) {
        try {
            return Path.of(Golden.class.getResource("/golden/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts each {@code probability_<class>} column equals scikit-learn's within {@code 1e-12} absolute and
     * {@code 1e-9} relative (tiny probabilities are exponentials of log-likelihoods, whose last bits differ
     * with summation order), and that the predicted label is scikit-learn's most probable class.
     */
    void assertMatches(VectorSchemaRoot predictions) {
        assertEquals(probabilities.length, predictions.getRowCount());
        List<Object> predicted = BatchContent.column(predictions, PredictionColumns.PREDICTION);
        for (int c = 0; c < classes.size(); c++) {
            List<Object> actual = BatchContent.column(predictions, PredictionColumns.probability(classes.get(c)));
            for (int r = 0; r < probabilities.length; r++) {
                double e = probabilities[r][c];
                assertEquals(e, (Double) actual.get(r), 1e-12 + 1e-9 * e, "class " + classes.get(c) + " row " + r);
            }
        }
        for (int r = 0; r < probabilities.length; r++) {
            int best = 0;
            for (int c = 1; c < classes.size(); c++) {
                best = probabilities[r][c] > probabilities[r][best] ? c : best;
            }
            assertEquals(classes.get(best), predicted.get(r).toString(), "row " + r);
        }
    }
}
