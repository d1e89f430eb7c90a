package dev.quiver.cli.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Factory;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.Config;
import dev.quiver.api.data.Sink;
import dev.quiver.api.data.Source;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.SafeYaml;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.exec.internal.FileTypes;
import dev.quiver.runtime.pipeline.PluginRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * Sources and sinks for files named on the command line, chosen by extension ({@code .csv} → the {@code csv}
 * plugin, {@code .arrow}/{@code .arrows}/{@code .feather}/{@code .ipc} → {@code arrow}, {@code .parquet} →
 * {@code parquet}) and made through the installed plugins' factories, exactly as a pipeline's {@code source:}
 * would be. Stateless.
 */
public final class DataFiles {

    private DataFiles() {}

    public static Source source(PluginRegistry registry, Path file, String option) {
        String type = typeOf(file, option);
        return make(registry.sources().get(type), type, "source", file, option);
    }

    public static Sink sink(PluginRegistry registry, Path file, String option) {
        String type = typeOf(file, option);
        return make(registry.sinks().get(type), type, "sink", file, option);
    }

    /** A component configured from {@code options}, as if written in a pipeline file; problems are thrown. */
    public static <T> T create(Factory<T> factory, Map<String, Object> options, String label, PluginContext context) {
        Problems problems = new Problems();
        ConfigNode.Mapping node = SafeYaml.parse(
                        new Dump(DumpSettings.builder().build()).dumpToString(options), label, Map.of(), problems)
                .orElse(null);
        problems.throwIfAny();
        Config config = new YamlConfig(node, "", problems);
        T component = factory.create(config, context);
        problems.throwIfAny();
        return component;
    }

    private static <T> T make(Factory<T> factory, String type, String kind, Path file, String option) {
        if (factory == null) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "Reading and writing " + type + " files needs the '" + type + "' " + kind
                            + " plugin, which is not installed.");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("path", file.toAbsolutePath().toString());
        return create(factory, options, option, new FileContext());
    }

    private static String typeOf(Path file, String option) {
        return FileTypes.of(file)
                .orElseThrow(() -> new QuiverException(
                        ErrorCode.USAGE,
                        option + " " + file + ": the file type is unknown; name it *.csv "
                                + "or *.arrow (or *.parquet)."));
    }

    /** Paths on the command line are relative to the working directory, not to a pipeline file. */
    private static final class FileContext implements PluginContext {
        @Override
        public Path resolvePath(String path) {
            return Path.of(path).toAbsolutePath();
        }

        @Override
        public long seed() {
            return 0;
        }

        @Override
        public void warn(String message) {
            System.err.println("warning: " + message);
        }
    }
}
