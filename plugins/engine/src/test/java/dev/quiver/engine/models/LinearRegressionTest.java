package dev.quiver.engine.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.model.Trainer;
import dev.quiver.engine.testdata.MemoryData;
import dev.quiver.testing.Batches;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheckExtension.class)
class LinearRegressionTest {

    private final LinearRegressionFactory factory = new LinearRegressionFactory();

    private Model fit(MapConfig config, MemoryData data, BufferAllocator allocator) {
        Trainer trainer = factory.create(config, new TestContext());
        config.assertNoProblems();
        return trainer.fit(data, new TestFitContext(allocator, 1));
    }

    @Test
    void housePricesFitTheTextbookLineExactly(BufferAllocator allocator) {
        MemoryData houses = MemoryData.csv(Datasets.path(Datasets.HOUSE_PRICES), false);
        Model model = fit(MapConfig.of(), houses, allocator);

        Map<String, Object> params = model.describe();
        double[][] weight = (double[][]) params.get("weight");
        double[] bias = (double[]) params.get("bias");
        assertEquals(1.0, weight[0][0], 1e-12);
        assertEquals(50.0, bias[0], 1e-10);

        try (VectorSchemaRoot input =
                        Batches.with(allocator).doubles("area", 110.0).build();
                VectorSchemaRoot out = model.predict(input, allocator)) {
            assertEquals(
                    List.of(PredictionColumns.PREDICTION),
                    out.getSchema().getFields().stream().map(f -> f.getName()).toList());
            assertEquals(160.0, ((Float8Vector) out.getVector(0)).get(0), 1e-10);
        }
    }

    @Test
    void leastSquaresDoesNotTrainIterativelyButGradientDescentDoes() {
        // What decides whether the runtime reads training: for this model: the solver, not an option's name.
        assertTrue(factory.create(MapConfig.of(), new TestContext()).training().isEmpty());
        var gd = factory.create(MapConfig.of("solver", "gd"), new TestContext())
                .training()
                .orElseThrow();
        assertEquals(Map.of("type", "sgd", "lr", 0.01), gd.optimizer());
        assertEquals(java.util.Optional.of("mse"), gd.loss(dev.quiver.api.Task.REGRESSION));
    }

    @Test
    void recoversAKnownPlaneAndMatchesNumPysLstsq(BufferAllocator allocator) {
        // y = 3 x0 - 2 x1 + 0.5 x2 + 7 + noise; reference from numpy.linalg.lstsq on the same rows is the
        // exact minimiser, which the normal equations reproduce in double to ~1e-12 for this well-posed design.
        Random random = new Random(7);
        int n = 200;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = random.nextGaussian() * (j + 1) + 10;
            }
            y[i] = 3 * x[i][0] - 2 * x[i][1] + 0.5 * x[i][2] + 7 + 0.01 * random.nextGaussian();
        }
        Model model = fit(MapConfig.of(), MemoryData.regression(List.of("a", "b", "c"), x, y), allocator);
        double[] w = ((double[][]) model.describe().get("weight"))[0];
        double b = ((double[]) model.describe().get("bias"))[0];
        double[] expected = normalEquations(x, y);
        assertArrayEquals(new double[] {expected[0], expected[1], expected[2]}, w, 1e-9);
        assertEquals(expected[3], b, 1e-8);
        assertEquals(3.0, w[0], 0.01);
        assertEquals(-2.0, w[1], 0.01);
    }

    @Test
    void ridgeShrinksLikeTheClosedForm(BufferAllocator allocator) {
        // One centred feature: ridge slope = sum(xc*yc) / (sum(xc^2) + l2).
        double[][] x = {{1}, {2}, {3}, {4}};
        double[] y = {2, 4, 5, 9};
        Model model = fit(MapConfig.of("l2", 5.0), MemoryData.regression(List.of("x"), x, y), allocator);
        double slope = ((double[][]) model.describe().get("weight"))[0][0];
        double sxy = (-1.5 * -3) + (-0.5 * -1) + (0.5 * 0) + (1.5 * 4);
        assertEquals(sxy / (5.0 + 5.0), slope, 1e-12);
        assertEquals(5.0 - slope * 2.5, ((double[]) model.describe().get("bias"))[0], 1e-12);
    }

    @Test
    void withoutInterceptTheLinePassesThroughTheOrigin(BufferAllocator allocator) {
        double[][] x = {{1}, {2}, {3}};
        double[] y = {2, 4, 7};
        Model model = fit(MapConfig.of("fitIntercept", false), MemoryData.regression(List.of("x"), x, y), allocator);
        assertEquals(0.0, ((double[]) model.describe().get("bias"))[0]);
        assertEquals((2 + 8 + 21) / 14.0, ((double[][]) model.describe().get("weight"))[0][0], 1e-12);
    }

    @Test
    void collinearFeaturesAreAClearDataError(BufferAllocator allocator) {
        double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}};
        double[] y = {1, 2, 3, 5};
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> fit(MapConfig.of(), MemoryData.regression(List.of("a", "twiceA"), x, y), allocator));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("'twiceA'"), e.getMessage());
        assertTrue(e.getMessage().contains("l2"), e.getMessage());
        // Ridge makes the same problem well-posed.
        fit(MapConfig.of("l2", 0.1), MemoryData.regression(List.of("a", "twiceA"), x, y), allocator);
    }

    @Test
    void missingFeatureValuesNameTheRowAndColumn(BufferAllocator allocator) {
        double[][] x = {{1}, {Double.NaN}, {3}};
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> fit(
                        MapConfig.of(), MemoryData.regression(List.of("area"), x, new double[] {1, 2, 3}), allocator));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("'area'") && e.getMessage().contains("row 2"), e.getMessage());
    }

    @Test
    void savedModelPredictsIdentically(BufferAllocator allocator) {
        MemoryData houses = MemoryData.csv(Datasets.path(Datasets.HOUSE_PRICES), false);
        Model model = fit(MapConfig.of(), houses, allocator);
        MemoryState state = new MemoryState();
        model.save(state);
        Model loaded = factory.load(state.reader(), new TestContext());
        assertEquals(model.features(), loaded.features());
        assertArrayEquals((double[]) model.describe().get("bias"), (double[])
                loaded.describe().get("bias"));
        try (VectorSchemaRoot input =
                        Batches.with(allocator).doubles("area", 95.5, 300.0).build();
                VectorSchemaRoot a = model.predict(input, allocator);
                VectorSchemaRoot b = loaded.predict(input, allocator)) {
            for (int r = 0; r < 2; r++) {
                assertEquals(((Float8Vector) a.getVector(0)).get(r), ((Float8Vector) b.getVector(0)).get(r));
            }
        }
    }

    /** Reference: solves (A^T A) beta = A^T y with A = [x 1] by Gaussian elimination with partial pivoting. */
    private static double[] normalEquations(double[][] x, double[] y) {
        int p = x[0].length + 1;
        double[][] m = new double[p][p + 1];
        for (int i = 0; i < x.length; i++) {
            double[] a = new double[p];
            System.arraycopy(x[i], 0, a, 0, p - 1);
            a[p - 1] = 1;
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    m[r][c] += a[r] * a[c];
                }
                m[r][p] += a[r] * y[i];
            }
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c <= p; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double[] beta = new double[p];
        for (int r = 0; r < p; r++) {
            beta[r] = m[r][p] / m[r][r];
        }
        return beta;
    }
}
