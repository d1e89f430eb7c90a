package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.testing.LeakCheckExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each Tribuo model family with an ONNX export of its own (linear SGD, LIBLINEAR, LIBSVM, factorization machines;
 * binary, multiclass and regression) is trained on mixed data, exported with {@code quiver export} and run under
 * ONNX Runtime: its outputs equal the predictions Quiver wrote within 1e-5 and its labels are equal, with missing
 * values reaching the model (Tribuo reads them as 0). Tribuo models without one fail with a clear reason.
 */
@ExtendWith(LeakCheckExtension.class)
class TribuoOnnxExportTest {

    private static final String FM = "{factorizedDimSize: 3, variance: 0.1, epochs: 5, "
            + "optimiser: {class: org.tribuo.math.optimisers.AdaGrad, initialLearningRate: 0.1}";

    @TempDir
    static Path temp;

    @Test
    void everyTribuoFamilyWithOnnxExportMatchesOnnxRuntime(BufferAllocator allocator) throws Exception {
        Map<String, String> models = new LinkedHashMap<>();
        models.put("logistic-multiclass", "kind|{trainer: logistic-regression}");
        models.put("logistic-binary", "flag|{trainer: logistic-regression}");
        models.put(
                "linear-sgd-hinge",
                "kind|{trainer: linear-sgd, options: {objective: {class: org.tribuo.classification.sgd.objectives.Hinge}}}");
        models.put("liblinear-multiclass", "kind|{trainer: liblinear}");
        models.put("liblinear-binary", "flag|{trainer: liblinear}");
        models.put("libsvm-multiclass", "kind|{trainer: libsvm}");
        models.put("libsvm-binary", "flag|{trainer: libsvm}");
        models.put("libsvm-probability", "kind|{trainer: libsvm, options: {probability: true}}");
        models.put("libsvm-rbf", "kind|{trainer: libsvm, options: {kernelType: RBF, gamma: 0.5}}");
        models.put(
                "fm-classification",
                "kind|{trainer: org.tribuo.classification.sgd.fm.FMClassificationTrainer, options: " + FM + "}}");
        models.put("linear-sgd-regression", "amount|{trainer: linear-sgd}");
        models.put("liblinear-regression", "amount|{trainer: liblinear}");
        models.put(
                "fm-regression",
                "amount|{trainer: org.tribuo.regression.sgd.fm.FMRegressionTrainer, options: " + FM
                        + ", standardise: true, objective: {class: org.tribuo.regression.sgd.objectives.SquaredLoss}}}");
        for (Map.Entry<String, String> m : models.entrySet()) {
            Path run = train(m.getKey(), m.getValue());
            Path onnx = temp.resolve(m.getKey() + ".onnx");
            PipelinesTest.Result exported =
                    PipelinesTest.quiver("export", "--model", run.toString(), "--output", onnx.toString());
            assertEquals(0, exported.code(), m.getKey() + ": " + exported.err());
            try {
                OnnxExportTest.assertMatches(run, onnx, allocator);
            } catch (AssertionError e) {
                throw new AssertionError(m.getKey() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void tribuoModelsWithoutOnnxExportFailNamingTheirClass() throws Exception {
        Map<String, String> models = new LinkedHashMap<>();
        models.put("cart", "kind|{trainer: cart}|Tribuo's TreeModel has no ONNX export");
        models.put(
                "random-forest",
                "kind|{trainer: random-forest, options: {numMembers: 3}}|Tribuo's WeightedEnsembleModel has no ONNX export for its TreeModel members");
        models.put("knn", "kind|{trainer: knn}|Tribuo's KNNModel has no ONNX export");
        // Tribuo has an ONNX export for these, but it does not compute what Tribuo predicts, so they are refused
        // naming why. Found under ONNX Runtime while writing this test: LIBLINEAR's L2R_LR gave probability 0.094
        // where Tribuo predicts 0.133; LIBSVM's epsilon-SVR was off by 1.4e-5 on -0.112, and by 0.027 on 110.4
        // with standardize: true.
        models.put(
                "liblinear-lr",
                "kind|{trainer: liblinear, options: {trainerType: {class: "
                        + "org.tribuo.classification.liblinear.LinearClassificationType, type: L2R_LR}}}"
                        + "|LibLinearClassificationModel does not compute what Tribuo predicts: it takes the softmax");
        models.put(
                "libsvm-regression",
                "amount|{trainer: libsvm}|LibSVMRegressionModel does not compute what Tribuo predicts: ONNX-ML's");
        for (Map.Entry<String, String> m : models.entrySet()) {
            String[] parts = m.getValue().split("\\|");
            Path run = train(m.getKey(), parts[0] + "|" + parts[1]);
            Path onnx = temp.resolve(m.getKey() + ".onnx");
            PipelinesTest.Result exported =
                    PipelinesTest.quiver("export", "--model", run.toString(), "--output", onnx.toString());
            assertEquals(2, exported.code(), m.getKey() + ": " + exported.out() + exported.err());
            assertTrue(exported.err().contains("Cannot export this model to ONNX"), exported.err());
            assertTrue(exported.err().contains(parts[2]), exported.err());
            assertFalse(exported.err().contains("\tat "), "no stack trace: " + exported.err());
            assertFalse(Files.exists(onnx), "nothing written");
        }
    }

    /** Trains {@code "target|model options"} on the mixed data, with one-hot and standardize and no impute. */
    private static Path train(String name, String spec) throws Exception {
        Path data = temp.resolve("mixed.csv");
        if (!Files.exists(data)) {
            OnnxExportTest.mixedCsv(data);
        }
        String[] parts = spec.split("\\|");
        String model = parts[1].substring(0, parts[1].length() - 1).replaceFirst("^\\{", "{type: tribuo, ");
        Path yaml = temp.resolve("tribuo-" + name + ".yaml");
        Files.writeString(
                yaml,
                "version: 1\nname: tribuo-" + name + "\nseed: 3\n"
                        + "source: {type: csv, path: " + data + "}\n"
                        + "columns: {features: [x1, x2, color, size], target: " + parts[0] + "}\n"
                        + "task: " + (parts[0].equals("amount") ? "regression" : "classification") + "\n"
                        + "split: {test: 0.3}\n"
                        + "transforms: [{type: standardize, columns: [x2]}, {type: one-hot, columns: [color, size]}]\n"
                        + "model: " + model + "}\nevaluate: []\n");
        Path run = temp.resolve("runs").resolve(name);
        PipelinesTest.Result trained = PipelinesTest.quiver(
                "run", yaml.toString(), "--out", run.toString(), "--set", "output.predictions=full");
        assertEquals(0, trained.code(), name + ": " + trained.err());
        return run;
    }
}
