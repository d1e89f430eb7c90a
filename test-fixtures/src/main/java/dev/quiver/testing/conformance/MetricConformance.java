package dev.quiver.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.metric.Predictions;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every metric plugin must do, as tests its own test class inherits:
 *
 * <pre>{@code
 * class AccuracyConformanceTest extends MetricConformance {
 *     protected MetricFactory factory() { return new AccuracyFactory(); }
 *     protected double perfectScore() { return 1.0; }
 *     protected OptionalDouble worstScore(Task task) { return OptionalDouble.of(0.0); }
 *     protected List<Reference> references() { return List.of(new Reference(predictions, 0.775, 1e-12)); }
 * }
 * }</pre>
 *
 * <p>For each task the metric applies to (regression, binary, multiclass, clustering), the kit makes seeded
 * predictions of {@value #ROWS} rows and checks that perfect predictions score {@link #perfectScore()} (for
 * clustering: the true groups under other codes, since only the partition counts), that predictions wrong in
 * every row score {@link #worstScore} (when the metric has a fixed worst; never for clustering, where a wrong
 * code in every row may be the same partition renamed), that noisy predictions score worse
 * than perfect ones in the direction {@link Metric#higherIsBetter()} says, that shuffling the rows changes
 * nothing, that the inputs are read and never written, that no rows give NaN or an exception with a message
 * (never a number that looks like a score, never a bare {@code ArithmeticException}), that a metric which says it
 * ignores probabilities computes the same without them, that computing from four threads at once is safe, and
 * that the values agree with {@link #references()} (golden values from scikit-learn, at least one).
 */
public abstract class MetricConformance {

    /** Rows of the kit's predictions. */
    protected static final int ROWS = 60;

    /**
     * A reference value: what the metric must compute for {@code predictions}.
     *
     * @param tolerance the absolute difference allowed
     */
    public record Reference(String name, Predictions predictions, double expected, double tolerance) {}

    /** The factory under test. */
    protected abstract MetricFactory factory();

    /** The metric's options (none by default). */
    protected Map<String, Object> config() {
        return Map.of();
    }

    /** The score of perfect predictions (1 for accuracy, 0 for mse). */
    protected abstract double perfectScore();

    /** The score of predictions wrong in every row with full confidence, when the metric has a fixed worst. */
    protected OptionalDouble worstScore(Task task) {
        return OptionalDouble.empty();
    }

    /** Reference values, from scikit-learn or another trusted implementation; at least one is required. */
    protected abstract List<Reference> references();

    /** How far the kit's perfect and worst scores may be from the expected ones. */
    protected double tolerance() {
        return 1e-9;
    }

    /** The metric made from {@link #config()}; fails on any config problem. */
    protected final Metric create() {
        MapConfig config = new MapConfig("evaluate[0]", config());
        Metric metric = factory().create(config, new TestContext());
        config.assertNoProblems();
        return metric;
    }

    private List<Task> tasks(Metric metric) {
        List<Task> tasks = new ArrayList<>();
        for (Task task : List.of(Task.REGRESSION, Task.BINARY, Task.MULTICLASS, Task.CLUSTERING)) {
            if (metric.tasks().contains(task)
                    || (metric.tasks().contains(Task.CLASSIFICATION) && task != Task.REGRESSION)) {
                tasks.add(task);
            }
        }
        assertFalse(tasks.isEmpty(), "the metric applies to no task the kit can test: " + metric.tasks());
        return tasks;
    }

    private static List<String> classes(Task task) {
        return switch (task) {
            case BINARY -> List.of("no", "yes");
            case MULTICLASS -> List.of("a", "b", "c");
            default -> List.of();
        };
    }

    /** How many classes, or true groups of a clustering, the kit's predictions have. */
    private static int groups(Task task) {
        return task == Task.CLUSTERING ? 3 : classes(task).size();
    }

    /** Whether the task's predictions carry class probabilities. */
    private static boolean probabilistic(Task task) {
        return task.isClassification();
    }

    /** The truth: real values, or class (group) indices with every class present. */
    private static double[] truth(Task task, Random random) {
        double[] actual = new double[ROWS];
        int k = groups(task);
        for (int i = 0; i < ROWS; i++) {
            actual[i] = task == Task.REGRESSION ? 10 * random.nextGaussian() + 3 : (i + random.nextInt(2) * k) % k;
        }
        return actual;
    }

    /** Predictions of {@code predicted} classes with full confidence on each. */
    private static Predictions confident(Task task, double[] actual, double[] predicted) {
        if (!probabilistic(task)) {
            return new Predictions(task, List.of(), actual, predicted, null);
        }
        int k = classes(task).size();
        double[][] probabilities = new double[ROWS][k];
        for (int i = 0; i < ROWS; i++) {
            probabilities[i][(int) predicted[i]] = 1.0;
        }
        return new Predictions(task, classes(task), actual, predicted, probabilities);
    }

    private static Predictions perfect(Task task) {
        double[] actual = truth(task, new Random(1));
        double[] predicted = actual.clone();
        if (task == Task.CLUSTERING) {
            for (int i = 0; i < ROWS; i++) {
                predicted[i] = 10 + (actual[i] + 1) % groups(task); // the same groups, numbered otherwise
            }
        }
        return confident(task, actual, predicted);
    }

    private static Predictions noisy(Task task, Random random) {
        double[] actual = truth(task, random);
        double[] predicted = new double[ROWS];
        if (task == Task.REGRESSION) {
            for (int i = 0; i < ROWS; i++) {
                predicted[i] = actual[i] - 0.5 - 3 * random.nextDouble(); // biased and spread: worse by any measure
            }
            return new Predictions(task, List.of(), actual, predicted, null);
        }
        int k = groups(task);
        double[][] probabilities = new double[ROWS][k];
        for (int i = 0; i < ROWS; i++) {
            int right = (int) actual[i];
            boolean hit = random.nextDouble() < 0.6;
            int guess = hit ? right : (right + 1 + random.nextInt(k - 1)) % k;
            predicted[i] = guess;
            double rest = 0.3 / (k - 1);
            for (int c = 0; c < k; c++) {
                probabilities[i][c] = c == guess ? 0.7 : rest;
            }
        }
        return new Predictions(task, classes(task), actual, predicted, probabilistic(task) ? probabilities : null);
    }

    private static void assertScore(double expected, double actual, double tolerance, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
        } else {
            assertEquals(expected, actual, tolerance, what);
        }
    }

    @Test
    void hasANameADescriptionAndTasks() {
        assertTrue(
                factory().name().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"),
                "name " + factory().name());
        assertFalse(factory().description().isBlank(), "quiver plugins shows the description");
        assertFalse(create().tasks().isEmpty());
    }

    @Test
    void perfectPredictionsScorePerfectly() {
        Metric metric = create();
        for (Task task : tasks(metric)) {
            assertScore(perfectScore(), metric.compute(perfect(task)), tolerance(), task + ": perfect predictions");
        }
    }

    @Test
    void predictionsWrongInEveryRowScoreTheWorst() {
        Metric metric = create();
        for (Task task : tasks(metric)) {
            OptionalDouble worst = worstScore(task);
            if (!task.isClassification() || worst.isEmpty()) {
                continue;
            }
            double[] actual = truth(task, new Random(2));
            double[] predicted = new double[ROWS];
            int k = groups(task);
            for (int i = 0; i < ROWS; i++) {
                predicted[i] = (actual[i] + 1) % k;
            }
            assertScore(
                    worst.getAsDouble(),
                    metric.compute(confident(task, actual, predicted)),
                    tolerance(),
                    task + ": every row wrong");
        }
    }

    @Test
    void noisyPredictionsScoreWorseThanPerfectOnes() {
        Metric metric = create();
        for (Task task : tasks(metric)) {
            double perfect = metric.compute(perfect(task));
            double noisy = metric.compute(noisy(task, new Random(3)));
            assertTrue(Double.isFinite(noisy), task + ": noisy predictions scored " + noisy);
            assertTrue(
                    metric.higherIsBetter() ? noisy < perfect : noisy > perfect,
                    task + ": noisy " + noisy + " must be worse than perfect " + perfect + " (higherIsBetter="
                            + metric.higherIsBetter() + ")");
        }
    }

    @Test
    void shufflingTheRowsChangesNothing() {
        Metric metric = create();
        for (Task task : tasks(metric)) {
            Predictions p = noisy(task, new Random(4));
            int[] order = new int[ROWS];
            for (int i = 0; i < ROWS; i++) {
                order[i] = i;
            }
            Random random = new Random(5);
            for (int i = ROWS - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double[] actual = new double[ROWS];
            double[] predicted = new double[ROWS];
            double[][] probabilities = p.probabilities() == null ? null : new double[ROWS][];
            for (int i = 0; i < ROWS; i++) {
                actual[i] = p.actual()[order[i]];
                predicted[i] = p.predicted()[order[i]];
                if (probabilities != null) {
                    probabilities[i] = p.probabilities()[order[i]];
                }
            }
            Predictions shuffled = new Predictions(task, p.classes(), actual, predicted, probabilities);
            double before = metric.compute(p);
            assertEquals(before, metric.compute(shuffled), 1e-12 * Math.max(1, Math.abs(before)), task + ": shuffled");
        }
    }

    @Test
    void readsButNeverWritesItsInputs() {
        Metric metric = create();
        for (Task task : tasks(metric)) {
            Predictions p = noisy(task, new Random(6));
            double[] actual = p.actual().clone();
            double[] predicted = p.predicted().clone();
            double[][] probabilities = p.probabilities() == null
                    ? null
                    : java.util.Arrays.stream(p.probabilities())
                            .map(double[]::clone)
                            .toArray(double[][]::new);
            metric.compute(p);
            metric.details(p);
            assertArrayEquals(actual, p.actual(), task + ": actual must not be written");
            assertArrayEquals(predicted, p.predicted(), task + ": predicted must not be written");
            if (probabilities != null) {
                assertArrayEquals(probabilities, p.probabilities(), task + ": probabilities must not be written");
            }
        }
    }

    @Test
    void noRowsGiveNaNOrAClearError() {
        Metric metric = create();
        for (Task task : tasks(metric)) {
            Predictions empty = new Predictions(
                    task, classes(task), new double[0], new double[0], probabilistic(task) ? new double[0][] : null);
            double value;
            try {
                value = metric.compute(empty);
            } catch (ArithmeticException | NullPointerException | IndexOutOfBoundsException e) {
                fail(task + ": no rows must give NaN or an error with a message, not " + e);
                return;
            } catch (RuntimeException e) {
                assertFalse(e.getMessage() == null || e.getMessage().isBlank(), task + ": say why no rows fail");
                continue;
            }
            assertTrue(Double.isNaN(value), task + ": no rows scored " + value + ", which looks like a real score");
        }
    }

    @Test
    void aMetricThatIgnoresProbabilitiesComputesTheSameWithout() {
        Metric metric = create();
        if (metric.usesProbabilities()) {
            return;
        }
        for (Task task : tasks(metric)) {
            Predictions p = noisy(task, new Random(7));
            Predictions without = new Predictions(task, p.classes(), p.actual(), p.predicted(), null);
            assertScore(metric.compute(p), metric.compute(without), 0.0, task + ": usesProbabilities() is false");
        }
    }

    @Test
    void agreesWithReferenceValues() {
        Metric metric = create();
        assertFalse(references().isEmpty(), "give at least one reference value (say, scikit-learn's) to check against");
        for (Reference reference : references()) {
            assertScore(
                    reference.expected(),
                    metric.compute(reference.predictions()),
                    reference.tolerance(),
                    reference.name());
        }
    }

    @Test
    void isSafeToComputeFromFourThreads() throws Exception {
        Metric metric = create();
        Task task = tasks(metric).get(0);
        Predictions p = noisy(task, new Random(8));
        double expected = metric.compute(p);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> metric.compute(p)));
            }
            for (Future<Double> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
