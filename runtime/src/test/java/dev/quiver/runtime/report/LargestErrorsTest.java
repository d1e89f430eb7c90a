package dev.quiver.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report's largest-errors table selects exactly the rows a full sort by error (ties by row) would. */
class LargestErrorsTest {

    @Test
    void theBoundedSelectionEqualsAFullSortWithTiesAndNaN() {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 5, 10, 11, 1000}) {
            double[] actual = new double[size];
            double[] predicted = new double[size];
            for (int i = 0; i < size; i++) {
                actual[i] = random.nextInt(5); // small integers: many equal errors, so ties matter
                predicted[i] = i % 97 == 3 ? Double.NaN : random.nextInt(5);
            }
            Predictions p = new Predictions(Task.REGRESSION, List.of(), actual, predicted, null);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                expected.add(i);
            }
            Comparator<Integer> byError = Comparator.comparingDouble(i -> -Math.abs(predicted[i] - actual[i]));
            expected.sort(byError.thenComparing(i -> i));
            for (int count : new int[] {0, 1, 10}) {
                assertEquals(
                        expected.subList(0, Math.min(count, size)),
                        ResultTables.largestErrors(p, count),
                        "size " + size + ", count " + count);
            }
        }
    }

    @Test
    void aClassifiersErrorIsOneMinusTheProbabilityOfTheTrueClass() {
        double[][] probabilities = {{0.9, 0.1}, {0.2, 0.8}, {0.6, 0.4}, {0.5, 0.5}};
        Predictions p = new Predictions(
                Task.BINARY, List.of("no", "yes"), new double[] {0, 0, 1, 1}, new double[] {0, 1, 0, 0}, probabilities);
        assertEquals(List.of(1, 2, 3), ResultTables.largestErrors(p, 3)); // errors 0.1, 0.8, 0.6, 0.5
    }
}
