package dev.quiver.plugins.jdbc;

import dev.quiver.api.Plugin;
import dev.quiver.api.data.SourceFactory;
import java.util.List;

/** The jdbc plugin: source {@code jdbc}. Found by {@link java.util.ServiceLoader}; stateless. */
public final class JdbcPlugin implements Plugin {

    @Override
    public Iterable<SourceFactory> getSourceFactories() {
        return List.of(new JdbcSourceFactory());
    }
}
