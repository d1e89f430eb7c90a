package dev.quiver.plugins.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.quiver.api.Factory;
import dev.quiver.api.Plugin;
import dev.quiver.api.config.Option;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class IoPluginTest {

    private static Plugin plugin() {
        return ServiceLoader.load(Plugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof IoPlugin)
                .findFirst()
                .orElseThrow(() -> new AssertionError("IoPlugin is not registered in META-INF/services"));
    }

    private static List<String> names(Iterable<? extends Factory<?>> factories) {
        return StreamSupport.stream(factories.spliterator(), false)
                .map(Factory::name)
                .toList();
    }

    @Test
    void isFoundByServiceLoaderAndProvidesTheIoFactories() {
        Plugin plugin = plugin();
        assertEquals(List.of("csv", "arrow", "synthetic"), names(plugin.getSourceFactories()));
        assertEquals(List.of("csv", "arrow"), names(plugin.getSinkFactories()));
    }

    @Test
    void everyFactoryDescribesItselfAndEachOption() {
        Plugin plugin = plugin();
        List<Factory<?>> factories = new java.util.ArrayList<>();
        plugin.getSourceFactories().forEach(factories::add);
        plugin.getSinkFactories().forEach(factories::add);
        for (Factory<?> factory : factories) {
            assertFalse(factory.description().isEmpty(), factory.name());
            for (Option<?> option : factory.options()) {
                assertFalse(option.description().isEmpty(), factory.name() + "." + option.name());
            }
        }
    }
}
