package dev.quiver.plugins.parquet;

import dev.quiver.api.Plugin;
import dev.quiver.api.data.SinkFactory;
import dev.quiver.api.data.SourceFactory;
import java.util.List;

/** The parquet plugin: source and sink {@code parquet}. Found by {@link java.util.ServiceLoader}; stateless. */
public final class ParquetPlugin implements Plugin {

    @Override
    public Iterable<SourceFactory> getSourceFactories() {
        return List.of(new ParquetSourceFactory());
    }

    @Override
    public Iterable<SinkFactory> getSinkFactories() {
        return List.of(new ParquetSinkFactory());
    }
}
