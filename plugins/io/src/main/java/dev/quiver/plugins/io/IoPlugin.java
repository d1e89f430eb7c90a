package dev.quiver.plugins.io;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.data.SinkFactory;
import dev.quiver.api.data.SourceFactory;
import dev.quiver.plugins.io.arrow.ArrowSinkFactory;
import dev.quiver.plugins.io.arrow.ArrowSourceFactory;
import dev.quiver.plugins.io.csv.CsvSinkFactory;
import dev.quiver.plugins.io.csv.CsvSourceFactory;
import dev.quiver.plugins.io.synthetic.SyntheticSourceFactory;
import java.util.List;

/**
 * The io plugin: sources {@code csv}, {@code arrow}, {@code synthetic}; sinks {@code csv}, {@code arrow}.
 * Found by {@link java.util.ServiceLoader}; stateless.
 */
public final class IoPlugin implements Plugin {

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Iterable<SourceFactory> getSourceFactories() {
        return List.of(new CsvSourceFactory(), new ArrowSourceFactory(), new SyntheticSourceFactory());
    }

    @Override
    public Iterable<SinkFactory> getSinkFactories() {
        return List.of(new CsvSinkFactory(), new ArrowSinkFactory());
    }
}
