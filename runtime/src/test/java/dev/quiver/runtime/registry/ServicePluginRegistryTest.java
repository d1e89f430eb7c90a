package dev.quiver.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.Plugin;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.config.Config;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.registry.internal.PluginModule;
import dev.quiver.runtime.testplugins.TestPlugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePluginRegistryTest {

    /** Provides a metric named like one of TestPlugin's. */
    public static final class ClashingPlugin implements Plugin {
        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public Iterable<MetricFactory> getMetricFactories() {
            return List.of(new MetricFactory() {
                @Override
                public String name() {
                    return "mse";
                }

                @Override
                public Metric create(Config config, PluginContext context) {
                    throw new UnsupportedOperationException();
                }
            });
        }
    }

    /** Declares the service but provides nothing. */
    public static final class EmptyPlugin implements Plugin {
        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }
    }

    @Test
    void discoversThePluginsOnTheClasspath() {
        ServicePluginRegistry registry = ServicePluginRegistry.discover();
        assertEquals(List.of("memory", "table"), List.copyOf(registry.sources().keySet()));
        assertEquals(List.of("majority", "mean"), List.copyOf(registry.models().keySet()));
        assertEquals(List.of("scale", "text"), List.copyOf(registry.transforms().keySet()));
        assertEquals(List.of("squared"), List.copyOf(registry.losses().keySet()));
        assertEquals(List.of("sgd"), List.copyOf(registry.optimizers().keySet()));
        assertEquals(List.of("accuracy", "mse"), List.copyOf(registry.metrics().keySet()));
        assertTrue(registry.sinks().isEmpty());
        String origin = registry.origin("model", "mean").orElseThrow();
        assertTrue(origin.startsWith(TestPlugin.class.getName()), origin);
        assertTrue(registry.origin("model", "nope").isEmpty());
    }

    @Test
    void duplicateNamesFailNamingBothProviders() {
        QuiverException e = assertThrows(
                QuiverException.class, () -> ServicePluginRegistry.of(List.of(new TestPlugin(), new ClashingPlugin())));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("two plugins provide a metric named 'mse'"), e.getMessage());
        assertTrue(e.getMessage().contains(TestPlugin.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(ClashingPlugin.class.getName()), e.getMessage());
    }

    @Test
    void aPluginThatProvidesNothingIsAnError() {
        QuiverException e = assertThrows(
                QuiverException.class, () -> ServicePluginRegistry.of(List.of(new TestPlugin(), new EmptyPlugin())));
        assertTrue(e.getMessage().contains(EmptyPlugin.class.getName() + " "), e.getMessage());
        assertTrue(e.getMessage().contains("provides nothing"), e.getMessage());
    }

    @Test
    void aPluginThatCannotBeLoadedIsReported(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Plugin.class.getName()), "com.example.Missing\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            QuiverException e = assertThrows(QuiverException.class, () -> ServicePluginRegistry.discover(loader));
            assertTrue(e.getMessage().contains("com.example.Missing"), e.getMessage());
        }
    }

    @Test
    void theGuiceModuleBindsTheRegistryAndCatalogButNoPerKindMaps() {
        ServicePluginRegistry registry = ServicePluginRegistry.discover();
        Injector injector = PluginModule.injector(new PluginModule(registry));
        assertSame(registry, injector.getInstance(PluginRegistry.class));
        assertEquals(
                List.of("memory", "table"),
                injector.getInstance(PluginCatalog.class).byKind().get(PluginKind.SOURCE).stream()
                        .map(PluginCatalog.PluginInfo::name)
                        .toList());
        // The registry is the one lookup; a second, Guice-only view of the same factories would drift from it.
        assertThrows(
                ConfigurationException.class,
                () -> injector.getInstance(Key.get(new TypeLiteral<Map<String, ModelFactory>>() {})));
    }

    @Test
    void theCatalogListsPluginsWithTheirOptions() {
        PluginCatalog catalog = new PluginCatalog(ServicePluginRegistry.discover());
        assertEquals(
                List.of("memory", "table"),
                catalog.byKind().get(PluginKind.SOURCE).stream()
                        .map(PluginCatalog.PluginInfo::name)
                        .toList());
        List<PluginCatalog.PluginInfo> mse = catalog.named("mse");
        assertEquals(1, mse.size());
        assertEquals(PluginKind.METRIC, mse.get(0).kind());

        PluginCatalog.PluginInfo sgd = catalog.named("sgd").get(0);
        PluginCatalog.OptionInfo lr = sgd.options().get(0);
        assertEquals(
                new PluginCatalog.OptionInfo("lr", "real", "0.01", false, "> 0", List.of(), "The learning rate."), lr);
        PluginCatalog.PluginInfo mean = catalog.named("mean").get(0);
        assertEquals(
                List.of(
                        "loss",
                        "optimizer",
                        "epochs",
                        "batchSize",
                        "shuffle",
                        "shuffleBuffer",
                        "seed",
                        "schedule",
                        "clip",
                        "earlyStopping"),
                mean.trainingOptions().stream()
                        .map(PluginCatalog.OptionInfo::name)
                        .toList());
        PluginCatalog.OptionInfo path = catalog.named("table").get(0).options().get(0);
        assertTrue(path.required());
        assertEquals(
                List.of("mean", "sum"),
                catalog.named("squared").get(0).options().get(0).choices());
        assertTrue(catalog.names().contains("majority"));
    }
}
