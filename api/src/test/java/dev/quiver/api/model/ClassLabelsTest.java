package dev.quiver.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassLabelsTest {

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void leakCheck() {
        allocator.close();
    }

    @Test
    void integerTargetsReadAsIndicesAndPredictAsIntegers() {
        ClassLabels labels = new ClassLabels(List.of("0", "1", "9"), new ArrowType.Int(64, true));
        try (BigIntVector target = new BigIntVector("digit", allocator)) {
            target.allocateNew(2);
            target.set(0, 9);
            target.setNull(1);
            target.setValueCount(2);
            assertEquals(2, labels.indexOf(target, 0));
            QuiverException e = assertThrows(QuiverException.class, () -> labels.indexOf(target, 1));
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
        }
        try (FieldVector out = labels.newPredictionVector(allocator, 2)) {
            assertEquals(PredictionColumns.PREDICTION, out.getName());
            labels.setLabel(out, 0, 2);
            labels.setLabel(out, 1, 0);
            out.setValueCount(2);
            assertEquals(9L, ((BigIntVector) out).get(0));
            assertEquals(0L, ((BigIntVector) out).get(1));
        }
    }

    @Test
    void textTargetsRoundTripAndUnknownLabelsAreDataErrors() {
        ClassLabels labels = new ClassLabels(List.of("ham", "spam"), ArrowType.Utf8.INSTANCE);
        try (VarCharVector target = new VarCharVector("label", allocator)) {
            target.allocateNew(1);
            target.setSafe(0, "eggs".getBytes(StandardCharsets.UTF_8));
            target.setValueCount(1);
            QuiverException e = assertThrows(QuiverException.class, () -> labels.indexOf(target, 0));
            assertTrue(e.getMessage().contains("'eggs' is not one of the known classes [ham, spam]"), e.getMessage());
        }
        try (FieldVector out = labels.newPredictionVector(allocator, 1)) {
            labels.setLabel(out, 0, 1);
            out.setValueCount(1);
            assertEquals("spam", out.getObject(0).toString());
        }
        assertEquals(1, labels.indexOf("spam"));
        assertEquals(-1, labels.indexOf("eggs"));
    }

    @Test
    void wholeNumberFloatsPrintWithoutADecimalPoint() {
        try (Float8Vector v = new Float8Vector("y", allocator)) {
            v.allocateNew(2);
            v.set(0, 3.0);
            v.set(1, 2.5);
            v.setValueCount(2);
            assertEquals("3", ClassLabels.labelOf(v, 0));
            assertEquals("2.5", ClassLabels.labelOf(v, 1));
        }
    }

    @Test
    void aFloatTargetsWholeClassesArePredictedAsTheClassesAreSpelled() {
        ArrowType float64 = new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
        ClassLabels whole = new ClassLabels(List.of("0", "1"), float64);
        try (FieldVector out = whole.newPredictionVector(allocator, 1)) {
            whole.setLabel(out, 0, 1);
            out.setValueCount(1);
            assertEquals("1", ClassLabels.labelOf(out, 0));
            assertEquals("1", out.getObject(0).toString(), "a csv writer prints the class, not 1.0");
        }
        ClassLabels halves = new ClassLabels(List.of("0.5", "1.5"), float64);
        assertEquals(float64, halves.predictionField().getType(), "non-whole classes keep the target's type");
    }
}
