package dev.quiver.runtime.registry;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.multibindings.MapBinder;
import dev.quiver.api.data.SinkFactory;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.api.metric.MetricFactory;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.optim.LossFactory;
import dev.quiver.api.optim.OptimizerFactory;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.runtime.pipeline.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds the discovered plugins for the runtime's Guice wiring: the {@link PluginRegistry}, a {@link PluginCatalog},
 * and one {@link MapBinder} per kind ({@code Map<String, SourceFactory>}, {@code Map<String, ModelFactory>}...)
 * keyed by factory name. Plugins themselves never see Guice: they are plain ServiceLoader services.
 *
 * <p>{@code dev.quiver.runtime.RuntimeModule} installs this module; {@link #injector} creates injectors the way
 * the runtime always does (production stage, explicit bindings only, no circular proxies).
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
        bindAll(SourceFactory.class, registry.sources());
        bindAll(SinkFactory.class, registry.sinks());
        bindAll(TransformFactory.class, registry.transforms());
        bindAll(ModelFactory.class, registry.models());
        bindAll(LossFactory.class, registry.losses());
        bindAll(OptimizerFactory.class, registry.optimizers());
        bindAll(MetricFactory.class, registry.metrics());
    }

    private <F> void bindAll(Class<F> type, Map<String, F> factories) {
        MapBinder<String, F> binder = MapBinder.newMapBinder(binder(), String.class, type);
        factories.forEach((name, factory) -> binder.addBinding(name).toInstance(factory));
    }
}
