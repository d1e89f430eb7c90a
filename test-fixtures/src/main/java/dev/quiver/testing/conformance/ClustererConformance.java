package dev.quiver.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.model.TrainingData;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every clustering model plugin must do, as tests its own test class inherits:
 *
 * <pre>{@code
 * class KMeansConformanceTest extends ClustererConformance {
 *     protected ModelFactory factory() { return new TribuoModelFactory(); }
 *     protected MapConfig config() { return MapConfig.of("trainer", "kmeans", "options", Map.of("centroids", 3)); }
 * }
 * }</pre>
 *
 * <p>The model is fitted without a target on {@link #table()}: by default {@value #BLOBS} far-apart Gaussian blobs
 * of 20 points each (in batches of 16), which any clusterer told to find {@value #BLOBS} clusters separates
 * exactly. The kit checks the one {@code prediction} column, that every point of a blob gets the same cluster
 * and different blobs different clusters (up to relabelling), that prediction ignores extra columns, that a
 * saved and reloaded model predicts bit for bit the same, that one seed gives one model, that predicting from
 * four threads at once is safe, and that no Arrow memory is left behind.
 */
@ExtendWith(LeakCheckExtension.class)
public abstract class ClustererConformance {

    /** Blobs in the default table. */
    protected static final int BLOBS = 3;

    private static final int PER_BLOB = 20;

    /** The factory under test. */
    protected abstract ModelFactory factory();

    /** A fresh configuration of the model under test, asking for {@value #BLOBS} clusters. */
    protected abstract MapConfig config();

    protected PluginContext context() {
        return new TestContext();
    }

    /** The points, every column a feature; row {@code r} belongs to blob {@code r / 20}. */
    protected TableData table() {
        Random random = new Random(9);
        int rows = BLOBS * PER_BLOB;
        double[] x = new double[rows];
        double[] y = new double[rows];
        double[][] centres = {{0, 0}, {10, 10}, {-10, 10}};
        for (int r = 0; r < rows; r++) {
            x[r] = centres[r / PER_BLOB][0] + 0.5 * random.nextGaussian();
            y[r] = centres[r / PER_BLOB][1] + 0.5 * random.nextGaussian();
        }
        return TableData.builder().doubles("x", x).doubles("y", y).build().withBatchSize(16);
    }

    /** The true group of each row of {@link #table()}. */
    protected int group(int row) {
        return row / PER_BLOB;
    }

    private TrainingData data() {
        return table().clustering();
    }

    private Model fit(BufferAllocator allocator) {
        return ModelChecks.fit(factory(), config(), context(), data(), Map.of(), allocator);
    }

    @Test
    void typeTaskAndFeaturesDescribeTheData(BufferAllocator allocator) {
        Model model = fit(allocator);
        assertEquals(factory().name(), model.type());
        assertEquals(Task.CLUSTERING, model.task());
        assertEquals(table().columnNames(), model.features());
    }

    @Test
    void fittingReleasesItsMemory(BufferAllocator allocator) {
        fit(allocator);
        assertEquals(0, allocator.getAllocatedMemory(), "fit must release what it allocates before returning");
    }

    @Test
    void findsTheBlobs(BufferAllocator allocator) {
        Model model = fit(allocator);
        assertEquals(
                PredictionColumns.PREDICTION, model.predictionFields().get(0).getName());
        List<List<Object>> rows = ModelChecks.predictions(model, table(), allocator);
        Map<Integer, Object> clusterOfGroup = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            Object cluster = rows.get(r).get(0);
            assertTrue(cluster != null, "row " + r + " has no cluster");
            Object seen = clusterOfGroup.putIfAbsent(group(r), cluster);
            assertEquals(seen == null ? cluster : seen, cluster, "row " + r + " left its blob's cluster");
        }
        Set<Object> distinct = new HashSet<>(clusterOfGroup.values());
        assertEquals(
                clusterOfGroup.size(),
                distinct.size(),
                "different blobs must get different clusters: " + clusterOfGroup);
    }

    @Test
    void predictionIgnoresExtraColumns(BufferAllocator allocator) {
        Model model = fit(allocator);
        TableData table = table();
        TableData extra = TableData.builder()
                .doubles("x", table.doubles("x"))
                .strings(
                        "note", java.util.Collections.nCopies(table.rows(), "n").toArray(String[]::new))
                .doubles("y", table.doubles("y"))
                .build();
        assertEquals(
                ModelChecks.predictions(model, table, allocator), ModelChecks.predictions(model, extra, allocator));
    }

    @Test
    void reloadedModelPredictsBitForBitTheSame(BufferAllocator allocator) {
        Model model = fit(allocator);
        Model reloaded = ModelChecks.reload(model, factory(), context());
        assertEquals(
                ModelChecks.predictions(model, table(), allocator),
                ModelChecks.predictions(reloaded, table(), allocator));
    }

    @Test
    void sameDataAndSeedGiveTheSameModel(BufferAllocator allocator) {
        assertEquals(
                ModelChecks.predictions(fit(allocator), table(), allocator),
                ModelChecks.predictions(fit(allocator), table(), allocator));
    }

    @Test
    void isSafeToPredictFromFourThreads(BufferAllocator allocator) throws Exception {
        Model model = fit(allocator);
        ModelChecks.sameFromFourThreads(
                ModelChecks.predictions(model, table(), allocator),
                () -> ModelChecks.predictions(model, table(), allocator));
    }

    @Test
    void describesWhatItLearned(BufferAllocator allocator) {
        assertFalse(fit(allocator).describe().isEmpty(), "describe() should show the learned parameters");
    }
}
