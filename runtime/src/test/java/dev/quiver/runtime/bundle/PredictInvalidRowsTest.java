package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.exec.ExecTestComponents;
import dev.quiver.runtime.exec.Executor;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.runtime.telemetry.RunTelemetry;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.TableData;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Java API's predict applies training's rules to each row: error (default), skip or null. */
@ExtendWith(LeakCheckExtension.class)
class PredictInvalidRowsTest {

    @TempDir
    Path temp;

    private FittedPipeline fitted;

    @BeforeEach
    void train() {
        fitted = new Executor(RunTelemetry.noop())
                .run(
                        ExecTestComponents.centeredMean(
                                ExecTestComponents.numbers(20), SplitSpec.NONE, temp.resolve("run")),
                        RunOptions.defaults())
                .fitted();
    }

    private static TableData areas(Double... values) {
        return TableData.builder().doubles("area", values).build();
    }

    @Test
    void aMissingNanOrInfiniteFeatureIsADataErrorNamingTheBatchRowAndColumn(BufferAllocator allocator) {
        assertInvalid(allocator, areas(1.0, 2.0, null), 2, "is missing");
        assertInvalid(allocator, areas(Double.NaN, 2.0), 0, "is missing");
        assertInvalid(allocator, areas(1.0, Double.POSITIVE_INFINITY), 1, "is infinite");
        assertInvalid(allocator, areas(1.0, Double.NEGATIVE_INFINITY), 1, "is -infinite");
    }

    private void assertInvalid(BufferAllocator allocator, TableData data, int row, String reason) {
        try (VectorSchemaRoot batch = data.toRoot(allocator)) {
            InvalidRowException e = assertThrows(InvalidRowException.class, () -> fitted.predict(batch, allocator));
            assertEquals(ErrorCode.DATA, e.code());
            assertEquals(row, e.row());
            assertEquals("area", e.column());
            assertTrue(e.getMessage().startsWith("batch row " + row + " column 'area': " + reason), e.getMessage());
            assertTrue(e.getMessage().contains("impute"), "says how to fix it: " + e.getMessage());
        }
    }

    @Test
    void skipLeavesInvalidRowsOut(BufferAllocator allocator) {
        try (VectorSchemaRoot batch = areas(1.0, null, 3.0, Double.NaN).toRoot(allocator);
                VectorSchemaRoot out = fitted.predict(batch, allocator, OnInvalid.SKIP)) {
            assertEquals(2, out.getRowCount());
            assertEquals(1.0, out.getVector("area").getObject(0));
            assertEquals(3.0, out.getVector("area").getObject(1));
            assertFalse(out.getVector("prediction").isNull(0));
            assertFalse(out.getVector("prediction").isNull(1));
        }
    }

    @Test
    void nullKeepsEveryRowWithANullPredictionForInvalidOnes(BufferAllocator allocator) {
        try (VectorSchemaRoot batch =
                        areas(1.0, null, 3.0, Double.POSITIVE_INFINITY).toRoot(allocator);
                VectorSchemaRoot expected = areas(1.0).toRoot(allocator);
                VectorSchemaRoot valid = fitted.predict(expected, allocator);
                VectorSchemaRoot out = fitted.predict(batch, allocator, OnInvalid.NULL)) {
            assertEquals(4, out.getRowCount());
            FieldVector prediction = out.getVector("prediction");
            assertEquals(valid.getVector("prediction").getObject(0), prediction.getObject(0));
            assertTrue(prediction.isNull(1));
            assertFalse(prediction.isNull(2));
            assertTrue(prediction.isNull(3));
            assertTrue(fitted.outputSchema(batch.getSchema(), OnInvalid.NULL)
                    .findField("prediction")
                    .isNullable());
            assertEquals(fitted.outputSchema(batch.getSchema(), OnInvalid.NULL), out.getSchema());
        }
        try (VectorSchemaRoot batch = areas(1.0, 2.0).toRoot(allocator);
                VectorSchemaRoot out = fitted.predict(batch, allocator, OnInvalid.NULL)) {
            assertEquals(
                    fitted.outputSchema(batch.getSchema(), OnInvalid.NULL),
                    out.getSchema(),
                    "a batch without invalid rows has the same schema, so one writer takes both");
            assertEquals(2, out.getRowCount());
        }
    }

    @Test
    void allRowsInvalidWithSkipGivesAnEmptyBatch(BufferAllocator allocator) {
        try (VectorSchemaRoot batch = areas(null, Double.NaN).toRoot(allocator);
                VectorSchemaRoot out = fitted.predict(batch, allocator, OnInvalid.SKIP)) {
            assertEquals(0, out.getRowCount());
            assertEquals(
                    fitted.outputSchema(batch.getSchema()).getFields().size(),
                    out.getFieldVectors().size());
        }
    }

    @Test
    void anIntegerColumnWhereFloatWasTrainedIsConverted(BufferAllocator allocator) {
        try (VectorSchemaRoot ints =
                        TableData.builder().longs("area", 1L, 5L).build().toRoot(allocator);
                VectorSchemaRoot doubles = areas(1.0, 5.0).toRoot(allocator);
                VectorSchemaRoot fromInts = fitted.predict(ints, allocator);
                VectorSchemaRoot fromDoubles = fitted.predict(doubles, allocator)) {
            assertEquals(
                    fromDoubles.getVector("prediction").getObject(1),
                    fromInts.getVector("prediction").getObject(1));
            assertEquals(5L, fromInts.getVector("area").getObject(1), "the input columns are returned as given");
        }
    }

    @Test
    void textInANumericFeatureIsAnInvalidRowNamingTheCell(BufferAllocator allocator) {
        try (VectorSchemaRoot batch =
                TableData.builder().strings("area", "1.5", "abc").build().toRoot(allocator)) {
            InvalidRowException e = assertThrows(InvalidRowException.class, () -> fitted.predict(batch, allocator));
            assertEquals(1, e.row());
            assertEquals("area", e.column());
            assertTrue(e.reason().contains("'abc' is not a number"), e.reason());
            try (VectorSchemaRoot out = fitted.predict(batch, allocator, OnInvalid.SKIP)) {
                assertEquals(1, out.getRowCount(), "the parsable row is scored");
            }
        }
    }

    @Test
    void aColumnOfATypeThatCannotBeConvertedIsADataErrorNamingIt(BufferAllocator allocator) {
        try (org.apache.arrow.vector.DateDayVector dates =
                new org.apache.arrow.vector.DateDayVector("area", allocator)) {
            dates.allocateNew(1);
            dates.set(0, 1);
            dates.setValueCount(1);
            VectorSchemaRoot batch = VectorSchemaRoot.of(dates);
            QuiverException e = assertThrows(QuiverException.class, () -> fitted.predict(batch, allocator));
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(e.getMessage().contains("column 'area' has type Date"), e.getMessage());
        }
    }
}
