package dev.quiver.plugins.tribuo.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Task;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.model.Trainer;
import dev.quiver.plugins.tribuo.OutputKind;
import dev.quiver.plugins.tribuo.TrainerOption;
import dev.quiver.plugins.tribuo.TribuoCatalog;
import dev.quiver.plugins.tribuo.TribuoModelFactory;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.Datasets;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.SimpleCsv;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** {@code trainer: xgboost} through the core tribuo model: parity, corrected defaults, save and load. */
@ExtendWith(LeakCheckExtension.class)
class XGBoostTest {

    private static final long SEED = 42L;
    // One OpenMP thread: on tiny data more threads only add contention (and make a shared CI machine crawl).

    @Test
    void shortNameIsRegisteredForBothTasks() {
        assertEquals(
                EnumSet.of(Task.BINARY, Task.MULTICLASS, Task.REGRESSION),
                trainer(Map.of()).tasks());
        assertTrue(TribuoCatalog.shortName("xgboost", OutputKind.REGRESSION).isPresent());
    }

    @Test
    void winePredictionsMatchTribuoWithXGBoostsOwnDefaults(BufferAllocator allocator) {
        TableData wine = SimpleCsv.read(Datasets.path(Datasets.WINE));
        Model model = trainer(Map.of("numTrees", 20, "nThread", 1)).fit(wine.training("cultivar"), fit(allocator));

        // Tribuo's Java constructor with XGBoost's defaults (alpha 0) and the hist tree method.
        XGBoostClassificationTrainer reference = new XGBoostClassificationTrainer(
                XGBoostTrainer.BoosterType.GBTREE,
                XGBoostTrainer.TreeMethod.HIST,
                20,
                0.3,
                0.0,
                6,
                1.0,
                1.0,
                1.0,
                1.0,
                0.0,
                1,
                XGBoostTrainer.LoggingVerbosity.SILENT,
                SEED);
        List<Prediction<Label>> expected = direct(reference, wine, "cultivar");
        try (VectorSchemaRoot input = wine.toRoot(allocator);
                VectorSchemaRoot out = model.predict(input, allocator)) {
            assertEquals(
                    expected.stream()
                            .map(p -> (Object) p.getOutput().getLabel())
                            .toList(),
                    BatchContent.column(out, PredictionColumns.PREDICTION));
            for (String c : model.classes()) {
                double[] want = expected.stream()
                        .mapToDouble(p -> p.getOutputScores().get(c).getScore())
                        .toArray();
                double[] got = BatchContent.column(out, PredictionColumns.probability(c)).stream()
                        .mapToDouble(o -> (Double) o)
                        .toArray();
                assertArrayEquals(want, got, 0.0, c);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void classNameGetsTheCorrectedDefaultsToo(BufferAllocator allocator) {
        MapConfig config =
                MapConfig.of("trainer", XGBoostTrainers.REGRESSION, "options", Map.of("numTrees", 5, "nThread", 1));
        Trainer trainer = new TribuoModelFactory().create(config, new TestContext());
        config.assertNoProblems();
        TableData diabetes = SimpleCsv.read(Datasets.path(Datasets.DIABETES));
        Model model = trainer.fit(diabetes.training("progression", Task.REGRESSION), fit(allocator));

        Map<String, Object> provenance = (Map<String, Object>) model.describe().get("provenance");
        Map<String, Object> tribuoTrainer = (Map<String, Object>) provenance.get("trainer");
        assertEquals(0.0, tribuoTrainer.get("alpha"));
        assertEquals("HIST", tribuoTrainer.get("treeMethod"));

        Map<String, TrainerOption> options = new java.util.HashMap<>();
        TribuoCatalog.options("xgboost").forEach(o -> options.put(o.name(), o));
        assertEquals("Quiver's default: 0.0", options.get("alpha").suppliedBy());
        assertEquals("1.0", options.get("alpha").defaultValue(), "Tribuo's configured default, which Quiver fixes");
    }

    @Test
    void regressionModelSurvivesSaveAndLoad(BufferAllocator allocator) {
        TableData diabetes = SimpleCsv.read(Datasets.path(Datasets.DIABETES));
        Model model = trainer(Map.of("numTrees", 10, "nThread", 1))
                .fit(diabetes.training("progression", Task.REGRESSION), fit(allocator));
        MemoryState state = new MemoryState();
        model.save(state);
        Model loaded = new TribuoModelFactory().load(state.reader(), new TestContext());
        try (VectorSchemaRoot input = diabetes.toRoot(allocator);
                VectorSchemaRoot before = model.predict(input, allocator);
                VectorSchemaRoot after = loaded.predict(input, allocator)) {
            assertEquals(BatchContent.rows(before), BatchContent.rows(after));
        }
    }

    private static Trainer trainer(Map<String, Object> options) {
        MapConfig config = MapConfig.of("trainer", "xgboost", "options", options);
        Trainer trainer = new TribuoModelFactory().create(config, new TestContext());
        config.assertNoProblems();
        return trainer;
    }

    private static FitContext fit(BufferAllocator allocator) {
        return new FitContext() {
            @Override
            public BufferAllocator allocator() {
                return allocator;
            }

            @Override
            public long seed() {
                return SEED;
            }
        };
    }

    private static List<Prediction<Label>> direct(
            XGBoostClassificationTrainer trainer, TableData table, String target) {
        List<String> features =
                table.columnNames().stream().filter(c -> !c.equals(target)).toList();
        String[] names = features.toArray(String[]::new);
        List<double[]> columns = features.stream().map(table::doubles).toList();
        List<String> labels = table.labels(target);
        List<Example<Label>> examples = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            double[] values = new double[names.length];
            for (int c = 0; c < names.length; c++) {
                values[c] = columns.get(c)[r];
            }
            examples.add(new ArrayExample<>(new Label(labels.get(r)), names, values));
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset =
                new MutableDataset<>(new SimpleDataSourceProvenance("direct", factory), factory);
        dataset.addAll(examples);
        return trainer.train(dataset).predict(examples);
    }
}
