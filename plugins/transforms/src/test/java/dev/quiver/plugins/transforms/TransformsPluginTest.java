package dev.quiver.plugins.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.quiver.api.Plugin;
import dev.quiver.api.transform.TransformFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TransformsPluginTest {

    @Test
    void isFoundByTheServiceLoaderWithEveryTransform() {
        List<String> names = new ArrayList<>();
        for (Plugin plugin : ServiceLoader.load(Plugin.class)) {
            for (TransformFactory f : plugin.getTransformFactories()) {
                names.add(f.name());
                assertFalse(f.description().isEmpty(), f.name());
                assertFalse(f.options().isEmpty(), f.name());
                f.options().forEach(o -> assertFalse(o.description().isEmpty(), f.name() + "." + o.name()));
            }
        }
        assertEquals(List.of("standardize", "min-max", "one-hot", "impute", "select", "drop"), names);
    }
}
