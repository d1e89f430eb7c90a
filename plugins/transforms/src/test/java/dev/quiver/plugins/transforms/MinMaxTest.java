package dev.quiver.plugins.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.conformance.TransformConformance;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class MinMaxTest extends TransformConformance {

    private final MinMaxFactory factory = new MinMaxFactory();

    @Override
    protected TransformFactory factory() {
        return factory;
    }

    @Override
    protected MapConfig config() {
        return MapConfig.of("range", List.of(-1.0, 1.0));
    }

    @Test
    void matchesScikitLearnMinMaxScaler(BufferAllocator allocator) {
        try (VectorSchemaRoot out = Fitting.fitApply(factory, MapConfig.of(), Golden.table(), allocator)) {
            Golden.read("min-max").assertMatches(out);
        }
    }

    @Test
    void mapsOntoTheConfiguredRangeAndConstantsOntoItsLowEnd(BufferAllocator allocator) {
        try (VectorSchemaRoot out =
                Fitting.fitApply(factory, MapConfig.of("range", List.of(-1, 1)), Golden.table(), allocator)) {
            Golden.read("min-max-range").assertMatches(out);
            assertEquals(-1.0, out.getVector("const").getObject(0));
        }
    }

    @Test
    void aMissingColumnAtApplyIsADataErrorTheRuntimeLocatesAtItsSource(BufferAllocator allocator) {
        FittedTransform fitted = Fitting.fit(factory, MapConfig.of(), Golden.table(), allocator);
        try (VectorSchemaRoot input = Golden.table().without("age").toRoot(allocator)) {
            QuiverException e = assertThrows(
                    QuiverException.class, () -> fitted.apply(input, allocator).close());
            assertEquals(ErrorCode.DATA, e.code());
            String located = e.locate("/data/in.csv", 0).getMessage();
            assertTrue(
                    located.startsWith("/data/in.csv column 'age': the min-max transform needs this column, but "
                            + "the batch has only ["),
                    located);
        }
    }

    @Test
    void rejectsAnEmptyReversedOrInfiniteRange() {
        for (List<Double> range :
                List.of(List.of(1.0, 0.0), List.of(0.0), List.of(2.0, 2.0), List.of(0.0, Double.POSITIVE_INFINITY))) {
            MapConfig config = MapConfig.of("range", range);
            factory.create(config, new TestContext());
            assertEquals(1, config.problems().size(), range::toString);
            assertTrue(config.messages().get(0).contains("low < high"), config.messages()::toString);
        }
    }
}
