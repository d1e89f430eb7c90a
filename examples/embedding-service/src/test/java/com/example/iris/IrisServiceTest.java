package com.example.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.QuiverException;
import dev.quiver.runtime.Quiver;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's view: train from YAML text, predict rows from many threads, reload the saved run elsewhere. */
class IrisServiceTest {

    private static final Map<String, ?> SETOSA =
            Map.of("sepal_length", 5.1, "sepal_width", 3.5, "petal_length", 1.4, "petal_width", 0.2);
    private static final Map<String, ?> VIRGINICA =
            Map.of("sepal_length", 6.7, "sepal_width", 3.0, "petal_length", 5.2, "petal_width", 2.3);

    @TempDir
    Path base;

    @Test
    void trainsPredictsFromManyThreadsAndReloadsTheSameAnswers() throws Exception {
        Path data = Files.createDirectories(base.resolve("data"));
        try (InputStream iris = IrisServiceTest.class.getResourceAsStream("/iris.csv")) {
            Files.copy(iris, data.resolve("iris.csv"));
        }
        try (IrisService service = IrisService.train(base)) {
            assertTrue(service.testAccuracy() >= 0.9, "test accuracy " + service.testAccuracy());
            assertEquals(base.resolve("runs/iris"), service.runFolder().getParent(), "one run of the history");
            assertEquals(List.of("setosa", "virginica"), service.species(List.of(SETOSA, VIRGINICA)));
            Map<String, Double> p = service.probabilities(SETOSA);
            assertEquals(1.0, p.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
            assertTrue(p.get("setosa") > 0.9, p.toString());

            List<Map<String, ?>> rows = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                rows.add(i % 2 == 0 ? SETOSA : VIRGINICA);
            }
            List<String> alone = service.species(rows);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<String>>> answers = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    answers.add(pool.submit(() -> service.species(rows)));
                }
                for (Future<List<String>> answer : answers) {
                    assertEquals(alone, answer.get(), "every thread gets the single-threaded answers");
                }
            } finally {
                pool.shutdownNow();
            }

            // another process would load the saved run folder the same way
            try (Quiver other = Quiver.create()) {
                assertEquals(
                        service.probabilities(VIRGINICA),
                        other.loadModel(service.runFolder())
                                .predict(List.of(VIRGINICA))
                                .get(0)
                                .probabilities());
            }
            QuiverException missing =
                    assertThrows(QuiverException.class, () -> service.species(List.of(Map.of("sepal_length", 5.0))));
            assertTrue(missing.getMessage().contains("sepal_width"), missing.getMessage());
        }
    }
}
