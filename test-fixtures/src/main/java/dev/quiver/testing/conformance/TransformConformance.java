package dev.quiver.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.api.transform.TransformPlan;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every transform plugin must do, as tests its own test class inherits:
 *
 * <pre>{@code
 * class StandardizeConformanceTest extends TransformConformance {
 *     protected TransformFactory factory() { return new StandardizeFactory(); }
 *     protected MapConfig config() { return MapConfig.of(); }
 * }
 * }</pre>
 *
 * <p>The transform is configured, planned and fitted on {@link #table()} (served in batches of 5 rows, so
 * fitting must combine batches), then applied. The kit checks that the output has the schema that
 * {@link Transform#plan} promised before fitting and that {@link FittedTransform#outputSchema} announces, that
 * {@code apply} leaves its input as it was (same vectors, buffers and values; closable before or after the
 * output), keeps the target as it was, works without the target (prediction-time data), gives the same rows
 * whether applied batch by batch or at once, reloads from its saved state to identical output, is safe to
 * apply from four threads at once, and releases all Arrow memory (every test runs under
 * {@link LeakCheckExtension}).
 */
@ExtendWith(LeakCheckExtension.class)
public abstract class TransformConformance {

    /** The factory under test. */
    protected abstract TransformFactory factory();

    /** A fresh configuration of the transform under test; called once per transform created. */
    protected abstract MapConfig config();

    /**
     * The training table. The default mixes what transforms meet: a float column with missing cells, an integer
     * column, a constant column, a text column with missing cells, and the text target {@code label}.
     */
    protected TableData table() {
        return TableData.builder()
                .doubles("age", 25.0, 32.5, null, 47.0, 51.0, 23.0, null, 36.0, 29.0, 60.0, 41.0, 33.0)
                .longs(
                        "income", 31000L, 42000L, 38000L, 91000L, 67000L, 25000L, 55000L, 48000L, 39000L, 120000L,
                        73000L, 44000L)
                .doubles("const", 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0)
                .strings(
                        "color", "red", "blue", "green", null, "red", "blue", "red", "green", "blue", "red", null,
                        "green")
                .strings("label", "no", "no", "yes", "yes", "yes", "no", "yes", "no", "no", "yes", "yes", "no")
                .build();
    }

    /** The target column of {@link #table()}. */
    protected String target() {
        return "label";
    }

    /** The roles of {@link #table()}'s columns: every column but the target is a feature. */
    protected Columns columns() {
        List<String> features =
                table().columnNames().stream().filter(c -> !c.equals(target())).toList();
        return new Columns(features, Optional.of(target()));
    }

    private Transform create() {
        MapConfig config = config();
        Transform transform = factory().create(config, new TestContext());
        config.assertNoProblems();
        return transform;
    }

    private FittedTransform fit(BufferAllocator allocator) {
        Transform transform = create();
        transform.plan(table().schema(), columns());
        return transform.fit(table().withBatchSize(5), columns(), allocator);
    }

    @Test
    void outputHasTheSchemaPlannedBeforeFitting(BufferAllocator allocator) {
        TransformPlan plan = create().plan(table().schema(), columns());
        assertEquals(columns().target(), plan.columns().target(), "a transform must not change the target");
        FittedTransform fitted = fit(allocator);
        assertEquals(
                Optional.empty(),
                plan.mismatch(fitted.outputSchema(table().schema())),
                "outputSchema must be what plan promised, in names and types; planned " + plan.schema());
        try (VectorSchemaRoot input = table().toRoot(allocator);
                VectorSchemaRoot output = fitted.apply(input, allocator)) {
            assertEquals(
                    Optional.empty(),
                    plan.mismatch(output.getSchema()),
                    "apply's output must be what plan promised, in names and types; planned " + plan.schema());
        }
    }

    @Test
    void applyLeavesItsInputAsItWas(BufferAllocator allocator) {
        FittedTransform fitted = fit(allocator);
        List<List<Object>> expected;
        try (VectorSchemaRoot input = table().toRoot(allocator)) {
            List<FieldVector> vectors = List.copyOf(input.getFieldVectors());
            List<String> buffers = buffers(input);
            List<List<Object>> rows = BatchContent.rows(input);
            try (VectorSchemaRoot output = fitted.apply(input, allocator)) {
                expected = BatchContent.rows(output);
                assertInputUnchanged(input, vectors, buffers, rows, "while the output is open");
            }
            assertInputUnchanged(input, vectors, buffers, rows, "after the output was closed");
        }
        // The other order: the output must not depend on the input staying open.
        VectorSchemaRoot input = table().toRoot(allocator);
        VectorSchemaRoot output;
        try (input) {
            output = fitted.apply(input, allocator);
        }
        try (output) {
            assertEquals(expected, BatchContent.rows(output), "the output must outlive its input");
        }
    }

    private static void assertInputUnchanged(
            VectorSchemaRoot input,
            List<FieldVector> vectors,
            List<String> buffers,
            List<List<Object>> rows,
            String when) {
        assertEquals(vectors.size(), input.getFieldVectors().size(), "apply must not add or remove input columns");
        for (int i = 0; i < vectors.size(); i++) {
            assertSame(vectors.get(i), input.getFieldVectors().get(i), "apply must not replace input vectors");
        }
        assertEquals(
                buffers,
                buffers(input),
                "apply must not move, reallocate or resize the input's buffers (" + when + ")");
        assertEquals(rows, BatchContent.rows(input), "apply must not write the input's values (" + when + ")");
    }

    /** Each vector's (and child vector's) value count and buffers: address and size, in order. */
    private static List<String> buffers(VectorSchemaRoot root) {
        List<String> out = new ArrayList<>();
        root.getFieldVectors().forEach(v -> describeBuffers(v, out));
        return out;
    }

    private static void describeBuffers(FieldVector vector, List<String> out) {
        StringBuilder line = new StringBuilder(vector.getName() + " count=" + vector.getValueCount());
        for (ArrowBuf buffer : vector.getFieldBuffers()) {
            line.append(" @").append(buffer.memoryAddress()).append('+').append(buffer.capacity());
        }
        out.add(line.toString());
        vector.getChildrenFromFields().forEach(child -> describeBuffers(child, out));
    }

    @Test
    void typeIsTheFactoryName(BufferAllocator allocator) {
        assertEquals(factory().name(), fit(allocator).type());
    }

    @Test
    void fittingReleasesItsMemory(BufferAllocator allocator) {
        fit(allocator);
        assertEquals(0, allocator.getAllocatedMemory(), "fit must release what it allocates before returning");
    }

    @Test
    void outputHasTheAnnouncedSchema(BufferAllocator allocator) {
        FittedTransform fitted = fit(allocator);
        try (VectorSchemaRoot input = table().toRoot(allocator)) {
            var expected = fitted.outputSchema(input.getSchema());
            try (VectorSchemaRoot output = fitted.apply(input, allocator)) {
                assertEquals(expected, output.getSchema());
                assertEquals(table().rows(), output.getRowCount());
            }
        }
    }

    @Test
    void featuresAfterTheTransformAreColumnsOfItsOutput(BufferAllocator allocator) {
        FittedTransform fitted = fit(allocator);
        Columns after = fitted.columns(columns());
        assertEquals(columns().target(), after.target(), "a transform must not change the target");
        List<String> names = fitted.outputSchema(table().schema()).getFields().stream()
                .map(Field::getName)
                .toList();
        for (String feature : after.features()) {
            assertTrue(names.contains(feature), "feature '" + feature + "' is missing from the output " + names);
        }
        assertTrue(names.contains(target()), "the target must pass through");
    }

    @Test
    void targetPassesThroughUnchanged(BufferAllocator allocator) {
        FittedTransform fitted = fit(allocator);
        try (VectorSchemaRoot input = table().toRoot(allocator)) {
            List<Object> before = BatchContent.column(input, target());
            Field field = input.getSchema().findField(target());
            try (VectorSchemaRoot output = fitted.apply(input, allocator)) {
                assertEquals(before, BatchContent.column(output, target()));
                assertEquals(field, output.getSchema().findField(target()));
            }
        }
    }

    @Test
    void appliesToDataWithoutTheTarget(BufferAllocator allocator) {
        FittedTransform fitted = fit(allocator);
        TableData unlabelled = table().without(target());
        try (VectorSchemaRoot input = unlabelled.toRoot(allocator)) {
            var expected = fitted.outputSchema(input.getSchema());
            try (VectorSchemaRoot output = fitted.apply(input, allocator)) {
                assertEquals(expected, output.getSchema());
                assertFalse(output.getSchema().getFields().stream()
                        .anyMatch(f -> f.getName().equals(target())));
            }
        }
        try (VectorSchemaRoot labelled = table().toRoot(allocator);
                VectorSchemaRoot withTarget = fitted.apply(labelled, allocator);
                VectorSchemaRoot input = unlabelled.toRoot(allocator);
                VectorSchemaRoot without = fitted.apply(input, allocator)) {
            for (Field f : without.getSchema().getFields()) {
                assertEquals(
                        BatchContent.column(withTarget, f.getName()),
                        BatchContent.column(without, f.getName()),
                        "column '" + f.getName() + "' must not depend on the target's presence");
            }
        }
    }

    @Test
    void batchByBatchEqualsAllAtOnce(BufferAllocator allocator) {
        FittedTransform fitted = fit(allocator);
        List<List<Object>> expected = applied(fitted, allocator);
        List<List<Object>> pieces = new ArrayList<>();
        try (BatchReader reader = table().withBatchSize(5).open(allocator)) {
            while (reader.loadNextBatch()) {
                try (VectorSchemaRoot output = fitted.apply(reader.root(), allocator)) {
                    pieces.addAll(BatchContent.rows(output));
                }
            }
        }
        assertEquals(expected, pieces);
    }

    @Test
    void reloadedTransformGivesIdenticalOutput(BufferAllocator allocator) {
        FittedTransform fitted = fit(allocator);
        MemoryState state = new MemoryState();
        fitted.save(state);
        FittedTransform reloaded = factory().load(state.reader(), new TestContext());
        assertEquals(fitted.type(), reloaded.type());
        assertEquals(fitted.columns(columns()), reloaded.columns(columns()));
        assertEquals(fitted.outputSchema(table().schema()), reloaded.outputSchema(table().schema()));
        assertEquals(applied(fitted, allocator), applied(reloaded, allocator));
        assertEquals(fitted.describe(), reloaded.describe());
    }

    @Test
    void describesWhatItLearned(BufferAllocator allocator) {
        assertFalse(fit(allocator).describe().isEmpty(), "describe() should show what was learned");
    }

    @Test
    void isSafeToApplyFromFourThreads(BufferAllocator allocator) throws Exception {
        FittedTransform fitted = fit(allocator);
        List<List<Object>> expected = applied(fitted, allocator);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<Object>>>> results = new ArrayList<>();
            for (int task = 0; task < 4 * 25; task++) {
                results.add(pool.submit(() -> applied(fitted, allocator)));
            }
            for (Future<List<List<Object>>> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The transform's output on the whole table, as plain values. */
    private List<List<Object>> applied(FittedTransform fitted, BufferAllocator allocator) {
        try (VectorSchemaRoot input = table().toRoot(allocator);
                VectorSchemaRoot output = fitted.apply(input, allocator)) {
            return BatchContent.rows(output);
        }
    }
}
