package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.state.StateReader;
import org.junit.jupiter.api.Test;

/** The run-folder reader refuses what would make a model predict wrongly, naming the file and key path. */
class JsonStateReaderStrictTest {

    private static StateReader strict(JsonStateWriter writer) {
        return JsonStateReader.forRun(writer.json(), "run/model.json", "state");
    }

    private static void assertDamaged(String expected, org.junit.jupiter.api.function.Executable read) {
        QuiverException e = assertThrows(QuiverException.class, read);
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals("damaged run: run/model.json: " + expected, e.getMessage());
    }

    @Test
    void nonFiniteNumbersAreDamagedUnlessTheLoaderAllowsThem() {
        JsonStateWriter w = JsonStateWriter.create();
        w.putDouble("nan", Double.NaN)
                .putDoubles("weights", new double[] {1, Double.POSITIVE_INFINITY})
                .putFloats("floats", new float[] {Float.NaN});
        StateReader state = strict(w);
        assertDamaged("state.nan: is NaN; a saved parameter must be a finite number", () -> state.getDouble("nan"));
        assertDamaged(
                "state.weights: element 1 is Infinity; a saved parameter must be a finite number",
                () -> state.getDoubles("weights"));
        assertDamaged(
                "state.floats: element 0 is NaN; a saved parameter must be a finite number",
                () -> state.getFloats("floats"));
        assertTrue(Double.isNaN(state.getDoubleAllowingNonFinite("nan")));
        assertArrayEquals(new double[] {1, Double.POSITIVE_INFINITY}, state.getDoublesAllowingNonFinite("weights"));
    }

    @Test
    void theLenientReaderOfCheckpointsKeepsNaN() {
        JsonStateWriter w = JsonStateWriter.create();
        w.putDouble("best", Double.NaN);
        assertTrue(Double.isNaN(JsonStateReader.of(w.json()).getDouble("best")));
    }

    @Test
    void wrongLengthsMissingKeysNullsAndWrongTypesAreDamagedWithTheirPath() {
        JsonStateWriter w = JsonStateWriter.create();
        w.putDoubles("mean", new double[] {1, 2, 3}).putString("name", "x");
        w.child("head").putLong("width", 2);
        StateReader state = strict(w);
        assertDamaged("state.mean: holds 3 values, expected 4", () -> state.getDoubles("mean", 4));
        assertArrayEquals(new double[] {1, 2, 3}, state.getDoubles("mean", 3));
        assertDamaged("state.scale: is missing (the state has [mean, name, head])", () -> state.getDoubles("scale"));
        assertDamaged("state.name: should be a double array, found string", () -> state.getDoubles("name"));
        assertDamaged("state.head.width: should be a string, found number", () -> state.child("head")
                .getString("width"));
        assertDamaged("state.head.classes: are wrong", () -> {
            throw state.child("head").damaged("classes", "are wrong");
        });
        assertDamaged(
                "state: should be a JSON object, found null",
                () -> JsonStateReader.forRun(
                        com.fasterxml.jackson.databind.node.NullNode.getInstance(), "run/model.json", "state"));
    }
}
