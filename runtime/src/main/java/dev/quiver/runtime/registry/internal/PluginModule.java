package dev.quiver.runtime.registry.internal;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.registry.PluginCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds the discovered plugins for the runtime's Guice wiring: the {@link PluginRegistry} (factories by kind and
 * name, the one way the runtime looks plugins up) and a {@link PluginCatalog}. Plugins themselves never see Guice:
 * they are plain ServiceLoader services.
 *
 * <p>{@code dev.quiver.runtime.RuntimeModule} installs this module; {@link #injector} creates injectors the way
 * the runtime always does (production stage, explicit bindings only, no circular proxies).
 *
 * <p>Guice calls {@code configure} on the thread creating the injector; the module holds only the immutable, thread-safe registry.
 */
public final class PluginModule extends AbstractModule {

    private final PluginRegistry registry;

    public PluginModule(PluginRegistry registry) {
        this.registry = registry;
    }

    /** Creates an injector over {@code modules} with the runtime's settings. */
    public static Injector injector(Module... modules) {
        List<Module> all = new ArrayList<>(List.of(modules));
        all.add(new AbstractModule() {
            @Override
            protected void configure() {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
            }
        });
        return Guice.createInjector(Stage.PRODUCTION, all);
    }

    @Override
    protected void configure() {
        bind(PluginRegistry.class).toInstance(registry);
        bind(PluginCatalog.class).toInstance(new PluginCatalog(registry));
    }
}
