package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.testing.LeakCheckExtension;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exportable example pipeline, and synthetic ones covering each exportable transform and activation, is
 * trained, exported with {@code quiver export}, and run under ONNX Runtime on the evaluated split (the test split,
 * or every row with {@code split: none}): each output equals the prediction column {@code quiver} wrote for the
 * same rows within 1e-5 (relative to the value's size for regression), and labels are equal. The rows and the
 * reference predictions come from the run's {@code predictions.arrow} with {@code output.predictions: full},
 * which {@code FittedPipeline.predict}, the code behind {@code quiver predict}, wrote.
 */
@ExtendWith(LeakCheckExtension.class)
class OnnxExportTest {

    private static final Path PIPELINES =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    /**
     * Examples whose model has no ONNX form, with the reason the error must give: they fail with "cannot export",
     * exit code 2, and write nothing.
     */
    private static final Map<String, String> NOT_EXPORTABLE = Map.of(
            "iris-kmeans", "model 'tribuo': Tribuo's KMeansModel has no ONNX export",
            "wine-xgboost", "model 'tribuo': Tribuo's XGBoostModel has no ONNX export",
            "spam-naive-bayes", "model 'naive-bayes' has no ONNX form");

    @TempDir
    static Path temp;

    @TestFactory
    Stream<DynamicTest> everyExportableExampleMatchesOnnxRuntime(BufferAllocator allocator) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(PIPELINES)) {
            // *-postgres.yaml needs a database server (MeasurementsPostgresTest starts one); *-gpt.yaml are
            // language models, whose refusal to export LanguageModelPipelinesTest checks on a smaller model.
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().endsWith("-postgres.yaml"))
                    .filter(p -> !p.getFileName().toString().endsWith("-gpt.yaml"))
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() > 10, "looking for pipelines in " + PIPELINES);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f, allocator)));
    }

    private static void check(Path file, BufferAllocator allocator) throws Exception {
        String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        Path run = temp.resolve("runs").resolve(name);
        PipelinesTest.Result trained = PipelinesTest.quiver(
                "run", file.toString(), "--out", run.toString(), "--set", "output.predictions=full");
        assertEquals(0, trained.code(), trained.err());
        Path onnx = temp.resolve(name + ".onnx");
        PipelinesTest.Result exported = PipelinesTest.quiver(
                "export", "--model", run.toString(), "--format", "onnx", "--output", onnx.toString());
        if (NOT_EXPORTABLE.containsKey(name)) {
            assertEquals(2, exported.code(), exported.out() + exported.err());
            assertTrue(exported.err().contains("Cannot export this model to ONNX"), exported.err());
            assertTrue(exported.err().contains(NOT_EXPORTABLE.get(name)), exported.err());
            assertFalse(exported.err().contains("\tat "), "no stack trace: " + exported.err());
            assertFalse(Files.exists(onnx), "nothing written");
            return;
        }
        assertEquals(0, exported.code(), exported.err());
        assertMatches(run, onnx, allocator);
    }

    @Test
    void everyTransformAndActivationMatchesOnnxRuntime(BufferAllocator allocator) throws Exception {
        Path data = mixedCsv(temp.resolve("mixed.csv"));
        String transforms = "transforms: [{type: impute, columns: [x1]}, {type: min-max, columns: [x1]},"
                + " {type: standardize, columns: [x2]}, {type: one-hot, columns: [color, size], dropFirst: true}]";
        String training = "training: {optimizer: {type: adam, lr: 0.01}, epochs: 20, batchSize: 32}";
        Map<String, String> models = new java.util.LinkedHashMap<>();
        models.put("linear", "target: amount}\nmodel: {type: linear-regression}");
        models.put("logistic-binary", "target: flag}\nmodel: {type: logistic-regression}");
        models.put("logistic-ovr", "target: kind}\nmodel: {type: logistic-regression, multiclass: ovr}");
        models.put("softmax", "target: kind}\nmodel: {type: softmax-regression}\n" + training);
        for (String activation : List.of("relu", "tanh", "sigmoid", "gelu")) {
            models.put(
                    "mlp-" + activation,
                    "target: kind}\nmodel: {type: mlp, hidden: [8, 4], activation: " + activation + "}\n" + training);
        }
        models.put("mlp-regression", "target: amount}\nmodel: {type: mlp, hidden: [8]}\n" + training);
        for (Map.Entry<String, String> m : models.entrySet()) {
            Path yaml = temp.resolve("mixed-" + m.getKey() + ".yaml");
            Files.writeString(
                    yaml,
                    "version: 1\nname: mixed-" + m.getKey() + "\nseed: 3\n"
                            + "source: {type: csv, path: " + data + "}\n"
                            + "columns: {features: [x1, x2, color, size], " + m.getValue() + "\n"
                            + "split: {test: 0.3}\n" + transforms + "\nevaluate: []\n");
            Path run = temp.resolve("runs").resolve(yaml.getFileName().toString());
            PipelinesTest.Result trained = PipelinesTest.quiver(
                    "run", yaml.toString(), "--out", run.toString(), "--set", "output.predictions=full");
            assertEquals(0, trained.code(), m.getKey() + ": " + trained.err());
            Path onnx = temp.resolve("mixed-" + m.getKey() + ".onnx");
            PipelinesTest.Result exported =
                    PipelinesTest.quiver("export", "--model", run.toString(), "--output", onnx.toString());
            assertEquals(0, exported.code(), m.getKey() + ": " + exported.err());
            assertMatches(run, onnx, allocator);
        }
    }

    /**
     * 300 seeded rows: {@code x1} (float, missing in every 17th row), {@code x2} (int), {@code color} (text),
     * {@code size} (int category), and three targets: {@code kind} (3 classes), {@code flag} (yes/no) and
     * {@code amount} (a float).
     */
    static Path mixedCsv(Path data) throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,color,size,kind,flag,amount\n");
        java.util.Random random = new java.util.Random(7);
        String[] colors = {"red", "green", "blue"};
        String[] kinds = {"a", "b", "c"};
        for (int r = 0; r < 300; r++) {
            double x1 = random.nextGaussian() * 3 + 1;
            int x2 = random.nextInt(50);
            int color = random.nextInt(3);
            int size = 1 + random.nextInt(3);
            double score = 0.6 * x1 - 0.05 * x2 + color - 0.5 * size + random.nextGaussian() * 0.5;
            String kind = kinds[score < -0.5 ? 0 : score < 1.5 ? 1 : 2];
            csv.append(r % 17 == 0 ? "" : String.format(java.util.Locale.ROOT, "%.4f", x1))
                    .append(',')
                    .append(x2)
                    .append(',')
                    .append(colors[color])
                    .append(',')
                    .append(size)
                    .append(',')
                    .append(kind)
                    .append(',')
                    .append(score > 0.5 ? "yes" : "no")
                    .append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.4f", 100 + 20 * score))
                    .append('\n');
        }
        Files.writeString(data, csv);
        return data;
    }

    /** Runs the ONNX model on the rows of the run's predictions.arrow and compares with its prediction columns. */
    static void assertMatches(Path run, Path onnx, BufferAllocator allocator) throws IOException, OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        JsonModel meta = JsonModel.read(run);
        try (ArrowFileReader reader =
                        new ArrowFileReader(Files.newByteChannel(run.resolve("predictions.arrow")), allocator);
                OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            Map<String, String> props = session.getMetadata().getCustomMetadata();
            assertEquals(meta.features(), props.get("quiver.features"), "features in the metadata");
            assertEquals(meta.classes(), props.get("quiver.classes"), "classes in the metadata");
            assertEquals("0.1.0", props.get("quiver.version"));
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            int checked = 0;
            while (reader.loadNextBatch()) {
                int rows = root.getRowCount();
                Map<String, OnnxTensor> inputs = new HashMap<>();
                try {
                    for (Map.Entry<String, ai.onnxruntime.NodeInfo> in :
                            session.getInputInfo().entrySet()) {
                        TensorInfo info = (TensorInfo) in.getValue().getInfo();
                        inputs.put(in.getKey(), tensor(env, root.getVector(in.getKey()), info, rows));
                    }
                    try (OrtSession.Result result = session.run(inputs)) {
                        for (Map.Entry<String, OnnxValue> out : result) {
                            compare(out.getKey(), out.getValue().getValue(), root.getVector(out.getKey()), rows);
                        }
                        assertEquals(
                                session.getOutputNames().size(),
                                root.getSchema().getFields().stream()
                                        .filter(f -> f.getName().equals("prediction")
                                                || f.getName().startsWith("probability_"))
                                        .count(),
                                "one output per prediction column");
                    }
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
                checked += rows;
            }
            assertTrue(checked > 0, "rows compared");
        }
    }

    private static OnnxTensor tensor(OrtEnvironment env, FieldVector column, TensorInfo info, int rows)
            throws OrtException {
        long[] shape = {rows, 1};
        switch (info.type) {
            case DOUBLE -> {
                double[] v = new double[rows];
                for (int r = 0; r < rows; r++) {
                    v[r] = column.isNull(r) ? Double.NaN : ((FloatingPointVector) column).getValueAsDouble(r);
                }
                return OnnxTensor.createTensor(env, DoubleBuffer.wrap(v), shape);
            }
            case INT64 -> {
                long[] v = new long[rows];
                for (int r = 0; r < rows; r++) {
                    v[r] = ((Number) column.getObject(r)).longValue();
                }
                return OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape);
            }
            case BOOL -> {
                boolean[][] v = new boolean[rows][1];
                for (int r = 0; r < rows; r++) {
                    v[r][0] = ((BitVector) column).get(r) == 1;
                }
                return OnnxTensor.createTensor(env, v);
            }
            case STRING -> {
                String[] v = new String[rows];
                for (int r = 0; r < rows; r++) {
                    v[r] = column.isNull(r) ? "" : column.getObject(r).toString();
                }
                return OnnxTensor.createTensor(env, v, shape);
            }
            default -> throw new AssertionError("unexpected input type " + info.type);
        }
    }

    private static void compare(String name, Object onnx, FieldVector expected, int rows) {
        if (onnx instanceof double[] values) {
            assertEquals(rows, values.length, name);
            for (int r = 0; r < rows; r++) {
                double want = ((FloatingPointVector) expected).getValueAsDouble(r);
                assertEquals(want, values[r], 1e-5 * Math.max(1, Math.abs(want)), name + " row " + r);
            }
        } else if (onnx instanceof long[] values) {
            for (int r = 0; r < rows; r++) {
                assertEquals(((Number) expected.getObject(r)).longValue(), values[r], name + " row " + r);
            }
        } else if (onnx instanceof String[] values) {
            for (int r = 0; r < rows; r++) {
                assertEquals(((VarCharVector) expected).getObject(r).toString(), values[r], name + " row " + r);
            }
        } else {
            throw new AssertionError(name + ": unexpected output " + onnx.getClass());
        }
    }

    /** The features and classes of a run, as the JSON arrays the export's metadata should hold. */
    private record JsonModel(String features, String classes) {
        static JsonModel read(Path run) throws IOException {
            PipelinesTest.Result inspected = PipelinesTest.quiver("inspect", run.toString(), "--json");
            assertEquals(0, inspected.code(), inspected.err());
            ObjectMapper json = new ObjectMapper();
            var model = json.readTree(inspected.out()).path("model");
            List<String> features = new ArrayList<>();
            model.path("features").forEach(n -> features.add(n.asText()));
            List<String> classes = new ArrayList<>();
            model.path("classes").forEach(n -> classes.add(n.asText()));
            return new JsonModel(json.writeValueAsString(features), json.writeValueAsString(classes));
        }
    }
}
