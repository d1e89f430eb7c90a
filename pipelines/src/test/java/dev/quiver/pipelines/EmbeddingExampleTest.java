package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.testing.LeakCheckExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java embedding snippet, as a test: train from a pipeline file in-process, load the saved run, and
 * serve predictions from many threads with one shared model.
 */
@ExtendWith(LeakCheckExtension.class)
class EmbeddingExampleTest {

    private static final Path PIPELINES =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    @TempDir
    Path runs;

    @Test
    void aServiceTrainsLoadsAndPredictsFromManyThreads(BufferAllocator allocator) throws Exception {
        Quiver quiver = Quiver.create();
        Path runDir = runs.resolve("house-prices");
        quiver.run(
                quiver.load(PIPELINES.resolve("house-prices.yaml"), List.of()),
                RunOptions.defaults().withOutputDir(runDir));

        FittedPipeline model = quiver.loadModel(runDir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Double>> answers = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                long area = 80L + t;
                answers.add(pool.submit(() -> predictPrice(model, area, allocator)));
            }
            for (int t = 0; t < 64; t++) {
                assertEquals(80 + t + 50.0, answers.get(t).get(), 1e-9);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One request: a batch with the feature column in, the price out. */
    private static double predictPrice(FittedPipeline model, long area, BufferAllocator allocator) {
        try (BigIntVector areas = new BigIntVector("area", allocator)) {
            areas.allocateNew(1);
            areas.set(0, area);
            areas.setValueCount(1);
            try (VectorSchemaRoot input = VectorSchemaRoot.of(areas);
                    VectorSchemaRoot output = model.predict(input, allocator)) {
                return ((Float8Vector) output.getVector("prediction")).get(0);
            }
        }
    }
}
