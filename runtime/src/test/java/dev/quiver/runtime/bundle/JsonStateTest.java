package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.state.StateReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonStateTest {

    @Test
    void everyValueSurvivesATextRoundTripBitForBit() throws Exception {
        JsonStateWriter writer = JsonStateWriter.create();
        float[] floats = {0.1f, -0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY};
        double[] doubles = {0.1, -0.0, Double.NaN, Double.MIN_VALUE, 1e308};
        long[] longs = {Long.MIN_VALUE, 0, Long.MAX_VALUE};
        writer.putString("name", "w")
                .putLong("steps", 1L << 53 | 1)
                .putDouble("lr", 0.1)
                .putDouble("nan", Double.NaN)
                .putStrings("classes", List.of("a", "b"))
                .putFloats("weight", floats)
                .putDoubles("d", doubles)
                .putLongs("l", longs)
                .putBytes("blob", new byte[] {1, 2, (byte) 255});
        writer.child("layer").putFloats("bias", new float[] {1.5f});

        ObjectMapper json = new ObjectMapper();
        StateReader reader = JsonStateReader.of(json.readTree(json.writeValueAsString(writer.json())));

        assertEquals("w", reader.getString("name"));
        assertEquals(1L << 53 | 1, reader.getLong("steps"));
        assertEquals(0.1, reader.getDouble("lr"));
        assertTrue(Double.isNaN(reader.getDouble("nan")));
        assertEquals(List.of("a", "b"), reader.getStrings("classes"));
        assertArrayEquals(floats, reader.getFloats("weight"));
        assertArrayEquals(doubles, reader.getDoubles("d"));
        assertArrayEquals(longs, reader.getLongs("l"));
        assertArrayEquals(new byte[] {1, 2, (byte) 255}, reader.getBytes("blob"));
        assertArrayEquals(new float[] {1.5f}, reader.child("layer").getFloats("bias"));
        assertEquals(
                Set.of("name", "steps", "lr", "nan", "classes", "weight", "d", "l", "blob", "layer"), reader.keys());
    }

    @Test
    void missingOrMistypedKeysNameTheirPath() {
        JsonStateWriter writer = JsonStateWriter.create();
        writer.child("layer").putFloats("bias", new float[] {1f});
        StateReader reader = JsonStateReader.of(writer.json());
        IllegalStateException missing = assertThrows(
                IllegalStateException.class, () -> reader.child("layer").getFloats("weight"));
        assertTrue(missing.getMessage().contains("'layer.weight'"), missing.getMessage());
        IllegalStateException mistyped = assertThrows(
                IllegalStateException.class, () -> reader.child("layer").getDoubles("bias"));
        assertTrue(
                mistyped.getMessage().contains("should be a double array, found a float array"), mistyped.getMessage());
    }

    @Test
    void keysAreWrittenOnce() {
        JsonStateWriter writer = JsonStateWriter.create();
        writer.putLong("a", 1);
        assertThrows(IllegalArgumentException.class, () -> writer.putLong("a", 2));
        assertThrows(IllegalArgumentException.class, () -> writer.putLong("@f32", 2));
    }
}
