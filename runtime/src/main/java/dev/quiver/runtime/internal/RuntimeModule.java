package dev.quiver.runtime.internal;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.quiver.runtime.exec.Executor;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.plan.PipelineLoader;
import dev.quiver.runtime.registry.internal.PluginModule;
import dev.quiver.runtime.telemetry.RunTelemetry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * The runtime's Guice wiring: the discovered plugins ({@link PluginModule}), the injected
 * {@link OpenTelemetry}, the pipeline loader and the executor. Create injectors with
 * {@link PluginModule#injector} (production stage, explicit bindings only, no circular proxies); plugins never
 * see Guice.
 *
 * <p>Guice calls {@code configure} on the thread creating the injector; the module holds only immutable, thread-safe values.
 */
public final class RuntimeModule extends AbstractModule {

    private final PluginRegistry registry;
    private final OpenTelemetry openTelemetry;

    public RuntimeModule(PluginRegistry registry, OpenTelemetry openTelemetry) {
        this.registry = registry;
        this.openTelemetry = openTelemetry;
    }

    @Override
    protected void configure() {
        install(new PluginModule(registry));
        bind(OpenTelemetry.class).toInstance(openTelemetry);
        bind(PipelineLoader.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    RunTelemetry telemetry(OpenTelemetry telemetry) {
        return new RunTelemetry(telemetry);
    }

    @Provides
    @Singleton
    Executor executor(RunTelemetry telemetry) {
        return new Executor(telemetry, registry);
    }
}
