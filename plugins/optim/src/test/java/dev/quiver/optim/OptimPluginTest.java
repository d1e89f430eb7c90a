package dev.quiver.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.Factory;
import dev.quiver.api.Plugin;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The plugin is discoverable and provides every loss and optimizer under its pipeline name. */
class OptimPluginTest {

    @Test
    void serviceLoaderFindsThePluginAndItsFactories() {
        List<Plugin> plugins = ServiceLoader.load(Plugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        assertEquals(1, plugins.size());
        Plugin plugin = plugins.get(0);
        assertEquals(List.of("mse", "mae", "huber", "bce", "cross-entropy"), names(plugin.getLossFactories()));
        assertEquals(List.of("sgd", "adam", "adamw", "rmsprop", "adagrad"), names(plugin.getOptimizerFactories()));
    }

    private static List<String> names(Iterable<? extends Factory<?>> factories) {
        return StreamSupport.stream(factories.spliterator(), false)
                .map(Factory::name)
                .toList();
    }
}
