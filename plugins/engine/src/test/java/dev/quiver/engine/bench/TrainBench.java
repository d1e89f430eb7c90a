package dev.quiver.engine.bench;

import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.optim.Optimizer;
import dev.quiver.engine.kernel.Matmul;
import dev.quiver.engine.models.LogisticRegressionFactory;
import dev.quiver.engine.models.MlpFactory;
import dev.quiver.engine.testdata.MemoryData;
import dev.quiver.engine.testdata.WithTraining;
import dev.quiver.optim.optimizer.Adam;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;

/**
 * The engine's side of the W1 and W2 workloads of {@code bench/anchors.py}, through the real factories and
 * training loop. Prints wall-clock figures and, because the machine may be shared, the process CPU time too.
 * Run with {@code --add-modules jdk.incubator.vector}. Not a test.
 */
public final class TrainBench {

    public static void main(String[] args) {
        List<String> want = args.length == 0 ? List.of("W1", "W2") : List.of(args);
        System.out.println("kernel: " + Matmul.kernelName());
        if (want.contains("W1")) {
            w1();
        }
        if (want.contains("W2")) {
            w2();
        }
        if (want.contains("W3")) {
            w3();
        }
    }

    private static void w1() {
        int n = 200_000, d = 32;
        Random r = new Random(0);
        double[][] x = new double[n][d];
        double[] w = new double[d];
        for (int j = 0; j < d; j++) {
            w[j] = r.nextGaussian();
        }
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            double z = 0.5 * r.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) r.nextGaussian();
                z += x[i][j] * w[j];
            }
            y[i] = z > 0 ? 1 : 0;
        }
        MemoryData data = MemoryData.classes(names(d), x, y).batchSize(8192);
        int steps = (n + 255) / 256;
        for (int rep = 0; rep < Integer.getInteger("w1.reps", 3); rep++) {
            double[] t = time(
                    new LogisticRegressionFactory(),
                    Map.of(),
                    Map.of("epochs", Integer.getInteger("w1.epochs", 6), "batchSize", 256),
                    new Adam(Adam.Settings.adam().withLr(0.01)),
                    data);
            int epochs = Integer.getInteger("w1.epochs", 6) - 1;
            System.out.printf(
                    "W1 logistic 200k x 32, batch 256, Adam, %d epochs: %.2f s wall (%.2f s CPU),"
                            + " %.0f row-epochs/s, %.1f us a step (load and first epoch: %.2f s)%n",
                    epochs, t[0], t[1], epochs * n / t[0], t[0] / (epochs * steps) * 1e6, t[2]);
        }
    }

    private static void w2() {
        int n = 60_000, d = 784;
        Random r = new Random(0);
        double[][] x = new double[n][d];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            y[i] = r.nextInt(10);
        }
        MemoryData data = MemoryData.classes(names(d), x, y).batchSize(4096);
        double flopsPerRow = 3.0 * 2 * (784 * 256 + 256 * 128 + 128 * 10);
        for (int rep = 0; rep < 3; rep++) {
            double[] t = time(
                    new MlpFactory(),
                    Map.of("hidden", List.of(256, 128)),
                    Map.of("epochs", 2, "batchSize", 128),
                    Adam.defaults(),
                    data);
            System.out.printf(
                    "W2 MLP 784-256-128-10, batch 128, Adam, 1 epoch of 60k: %.2f s wall (%.2f s CPU),"
                            + " %.1f effective GFLOP/s (load and first epoch: %.2f s)%n",
                    t[0], t[1], flopsPerRow * n / t[0] / 1e9, t[2]);
        }
    }

    private static void w3() {
        MemoryData[] split = MemoryData.csv(dev.quiver.testing.Datasets.path(dev.quiver.testing.Datasets.DIGITS), true)
                .stratifiedSplit(0.25, 0);
        double[][] m = split[0].moments();
        MemoryData train = split[0].standardized(m[0], m[1]).batchSize(512);
        MemoryData test = split[1].standardized(m[0], m[1]);
        for (int rep = 0; rep < 3; rep++) {
            try (RootAllocator allocator = new RootAllocator()) {
                var trainer = new WithTraining(
                        new MlpFactory()
                                .create(new MapConfig("model", Map.of("hidden", List.of(64))), new TestContext()),
                        Map.of("epochs", 100, "batchSize", 32),
                        null,
                        Adam.defaults());
                long start = System.nanoTime();
                Model model = trainer.fit(train, new TestFitContext(allocator, rep));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "W3 digits MLP 64-64-10, 100 epochs, batch 32, Adam: %.2f s, test accuracy %.4f%n",
                        seconds, accuracy(model, test, allocator));
            }
        }
    }

    private static double accuracy(Model model, MemoryData data, RootAllocator allocator) {
        int p = data.features().size();
        try (var root = org.apache.arrow.vector.VectorSchemaRoot.create(
                new org.apache.arrow.vector.types.pojo.Schema(data.features().stream()
                        .map(f -> org.apache.arrow.vector.types.pojo.Field.nullable(
                                f,
                                new org.apache.arrow.vector.types.pojo.ArrowType.FloatingPoint(
                                        org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)))
                        .toList()),
                allocator)) {
            root.allocateNew();
            for (int j = 0; j < p; j++) {
                var v = (org.apache.arrow.vector.Float8Vector) root.getVector(j);
                for (int r = 0; r < data.size(); r++) {
                    v.setSafe(r, data.x()[r][j]);
                }
            }
            root.setRowCount(data.size());
            try (var out = model.predict(root, allocator)) {
                int right = 0;
                for (int r = 0; r < data.size(); r++) {
                    if (dev.quiver.api.model.ClassLabels.labelOf(out.getVector(0), r)
                            .equals(data.label(r))) {
                        right++;
                    }
                }
                return right / (double) data.size();
            }
        }
    }

    /**
     * {wall seconds, process CPU seconds, first epoch seconds} of a fit's epochs after the first: the first
     * epoch also reads the data from Arrow into memory (and warms the JIT), which the anchors do not time.
     */
    private static double[] time(
            ModelFactory factory,
            Map<String, Object> model,
            Map<String, Object> training,
            Optimizer optimizer,
            MemoryData data) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (RootAllocator allocator = new RootAllocator()) {
            var trainer = new WithTraining(
                    factory.create(new MapConfig("model", model), new TestContext()), training, null, optimizer);
            long[] cpu = new long[1];
            long[] start = new long[1];
            long begin = System.nanoTime();
            double[] first = new double[1];
            TestFitContext fit = new TestFitContext(allocator, 1) {
                @Override
                public void epochEnded(dev.quiver.api.model.EpochStats stats) {
                    if (stats.epoch() == 1) {
                        first[0] = (System.nanoTime() - begin) / 1e9;
                        cpu[0] = os.getProcessCpuTime();
                        start[0] = System.nanoTime();
                    }
                }
            };
            Model fitted = trainer.fit(data, fit);
            double wall = (System.nanoTime() - start[0]) / 1e9;
            if (fitted.features().isEmpty()) {
                throw new IllegalStateException();
            }
            return new double[] {wall, (os.getProcessCpuTime() - cpu[0]) / 1e9, first[0]};
        }
    }

    private static List<String> names(int d) {
        return java.util.stream.IntStream.range(0, d).mapToObj(j -> "x" + j).toList();
    }
}
