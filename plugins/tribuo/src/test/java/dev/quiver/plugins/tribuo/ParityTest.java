package dev.quiver.plugins.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * The same data and options give the same predictions through Quiver as through Tribuo's own API (trainers made
 * with their Java constructors, examples built by hand): the OLCUT path, the Arrow conversion and the prediction
 * columns add nothing and lose nothing.
 */
@ExtendWith(LeakCheckExtension.class)
class ParityTest {

    /** Tribuo's default seed, so that a no-argument Tribuo constructor is the reference. */
    private static final long TRIBUO_SEED = Trainer.DEFAULT_SEED;

    @Test
    void logisticRegressionOnIris(BufferAllocator allocator) {
        TableData iris = SimpleCsv.read(Datasets.path(Datasets.IRIS));
        Model model = Fits.fit(
                Fits.trainer("trainer", "logistic-regression"), iris.training("species"), allocator, TRIBUO_SEED);

        List<Prediction<Label>> expected =
                direct(new LogisticRegressionTrainer(), iris, "species", new LabelFactory(), Label::new);
        assertClassification(model, iris, expected, allocator);
    }

    @Test
    void cartByClassNameOnWine(BufferAllocator allocator) {
        TableData wine = SimpleCsv.read(Datasets.path(Datasets.WINE));
        Model model = Fits.fit(
                Fits.trainer(
                        "trainer",
                        "org.tribuo.classification.dtree.CARTClassificationTrainer",
                        "options",
                        Map.of("maxDepth", 6)),
                wine.training("cultivar"),
                allocator,
                TRIBUO_SEED);

        List<Prediction<Label>> expected =
                direct(new CARTClassificationTrainer(6), wine, "cultivar", new LabelFactory(), Label::new);
        assertClassification(model, wine, expected, allocator);
    }

    @Test
    void linearSgdRegressionOnDiabetes(BufferAllocator allocator) {
        TableData diabetes = SimpleCsv.read(Datasets.path(Datasets.DIABETES));
        Model model = Fits.fit(
                Fits.trainer("trainer", "linear-sgd", "options", Map.of("epochs", 10)),
                diabetes.training("progression", Task.REGRESSION),
                allocator,
                7L);

        List<Prediction<Regressor>> expected = direct(
                new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(1.0, 0.1), 10, 7L),
                diabetes,
                "progression",
                new RegressionFactory(),
                v -> new Regressor("progression", Double.parseDouble(v)));
        double[] want =
                expected.stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
        try (VectorSchemaRoot input = diabetes.toRoot(allocator);
                VectorSchemaRoot out = model.predict(input, allocator)) {
            assertEquals(List.of(PredictionColumns.PREDICTION), names(out));
            assertArrayEquals(want, doubles(out, PredictionColumns.PREDICTION), 0.0);
        }
    }

    @Test
    void kmeansOnIrisFeatures(BufferAllocator allocator) {
        TableData features = SimpleCsv.read(Datasets.path(Datasets.IRIS)).without("species");
        Model model = Fits.fit(
                Fits.trainer("trainer", "kmeans", "options", Map.of("centroids", 3)),
                Fits.clustering(features),
                allocator,
                42L);

        KMeansTrainer reference =
                new KMeansTrainer(3, 100, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS, 1, 42L);
        List<Prediction<ClusterID>> expected = direct(reference, features, null, new ClusteringFactory(), null);
        try (VectorSchemaRoot input = features.toRoot(allocator);
                VectorSchemaRoot out = model.predict(input, allocator)) {
            List<Object> got = BatchContent.column(out, PredictionColumns.PREDICTION);
            List<Object> want = expected.stream()
                    .map(p -> (Object) (long) p.getOutput().getID())
                    .toList();
            assertEquals(want, got);
            assertEquals(3, got.stream().distinct().count(), "three clusters found");
        }
    }

    @Test
    void sameSeedSameModelAnotherSeedAnother(BufferAllocator allocator) {
        TableData iris = SimpleCsv.read(Datasets.path(Datasets.IRIS));
        dev.quiver.api.model.Trainer trainer = Fits.trainer("trainer", "logistic-regression");
        try (VectorSchemaRoot input = iris.toRoot(allocator);
                VectorSchemaRoot a = Fits.fit(trainer, iris.training("species"), allocator, 5L)
                        .predict(input, allocator);
                VectorSchemaRoot b = Fits.fit(trainer, iris.training("species"), allocator, 5L)
                        .predict(input, allocator);
                VectorSchemaRoot c = Fits.fit(trainer, iris.training("species"), allocator, 6L)
                        .predict(input, allocator)) {
            String column = PredictionColumns.probability("versicolor");
            assertArrayEquals(doubles(a, column), doubles(b, column), 0.0, "one trainer, fitted twice, same seed");
            assertTrue(
                    !java.util.Arrays.equals(doubles(a, column), doubles(c, column)),
                    "the fit's seed reaches Tribuo's shuffling");
        }
    }

    private static void assertClassification(
            Model model, TableData table, List<Prediction<Label>> expected, BufferAllocator allocator) {
        try (VectorSchemaRoot input = table.toRoot(allocator);
                VectorSchemaRoot out = model.predict(input, allocator)) {
            List<Object> got = BatchContent.column(out, PredictionColumns.PREDICTION);
            assertEquals(
                    expected.stream()
                            .map(p -> (Object) p.getOutput().getLabel())
                            .toList(),
                    got);
            boolean probabilities = model.predictionFields().size() > 1;
            assertEquals(
                    probabilities ? 1 + model.classes().size() : 1,
                    model.predictionFields().size());
            for (String c : probabilities ? model.classes() : List.<String>of()) {
                double[] want = expected.stream()
                        .mapToDouble(p -> p.getOutputScores().get(c).getScore())
                        .toArray();
                assertArrayEquals(want, doubles(out, PredictionColumns.probability(c)), 0.0, c);
            }
            long right = 0;
            List<String> truth = table.labels(model.classes().isEmpty() ? "" : targetOf(table, model));
            for (int i = 0; i < truth.size(); i++) {
                right += truth.get(i).equals(got.get(i)) ? 1 : 0;
            }
            assertTrue(right > 0.85 * truth.size(), "a sane model: " + right + "/" + truth.size() + " right");
        }
    }

    private static String targetOf(TableData table, Model model) {
        return table.columnNames().stream()
                .filter(c -> !model.features().contains(c))
                .findFirst()
                .orElseThrow();
    }

    /** Trains and predicts with Tribuo alone; {@code target} null means clustering (unknown outputs). */
    private static <T extends Output<T>> List<Prediction<T>> direct(
            Trainer<T> trainer, TableData table, String target, OutputFactory<T> factory, Function<String, T> output) {
        List<String> features =
                table.columnNames().stream().filter(c -> !c.equals(target)).toList();
        String[] names = features.toArray(String[]::new);
        List<double[]> columns = features.stream().map(table::doubles).toList();
        List<String> labels = target == null ? null : table.labels(target);
        List<Example<T>> examples = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            double[] values = new double[names.length];
            for (int c = 0; c < names.length; c++) {
                values[c] = columns.get(c)[r];
            }
            T out = target == null ? factory.getUnknownOutput() : output.apply(labels.get(r));
            examples.add(new ArrayExample<>(out, names, values));
        }
        MutableDataset<T> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("direct", factory), factory);
        dataset.addAll(examples);
        return trainer.train(dataset).predict(examples);
    }

    static List<String> names(VectorSchemaRoot root) {
        return root.getSchema().getFields().stream().map(f -> f.getName()).toList();
    }

    static double[] doubles(VectorSchemaRoot root, String column) {
        return BatchContent.column(root, column).stream()
                .mapToDouble(o -> ((Number) o).doubleValue())
                .toArray();
    }
}
