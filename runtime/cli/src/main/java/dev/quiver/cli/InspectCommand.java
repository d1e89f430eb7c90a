package dev.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.cli.internal.Json;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.bundle.RunReference;
import dev.quiver.runtime.explain.Coefficients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.arrow.vector.types.pojo.Field;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code quiver inspect RUN_DIR}: the pipeline, schema, metrics and learned parameters of a saved run. */
@Command(name = "inspect", description = "Show a saved run: pipeline, schema, metrics and learned parameters.")
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(
            index = "0",
            paramLabel = "RUN",
            description = "A run history (its LATEST run), a run folder or HISTORY/RUN_ID.")
    Path reference;

    @Option(names = "--json", description = "Print everything as one JSON document.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Path dir = RunReference.resolve(reference).run();
        FittedPipeline fitted = main.quiver().loadModel(dir);
        String yaml = Files.readString(dir.resolve(RunBundle.PIPELINE));
        JsonNode metrics = RunBundle.metrics(dir);
        List<Map<String, Object>> transforms = new ArrayList<>();
        for (FittedTransform t : fitted.transforms()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", t.type());
            entry.put("parameters", t.describe());
            transforms.add(entry);
        }
        List<Map<String, Object>> schema = new ArrayList<>();
        for (Field f : fitted.inputSchema().getFields()) {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("name", f.getName());
            column.put("type", f.getType().toString());
            column.put("nullable", f.isNullable());
            schema.add(column);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", fitted.model().type());
        model.put("task", fitted.task().label());
        model.put("features", fitted.features());
        fitted.target().ifPresent(t -> model.put("target", t));
        if (!fitted.classes().isEmpty()) {
            model.put("classes", fitted.classes());
        }
        model.put("parameters", fitted.model().describe());
        Optional<Coefficients> coefficients = Coefficients.of(fitted);
        coefficients.ifPresent(c -> model.put("coefficients", c.toJson()));

        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("run", dir.toAbsolutePath().normalize().toString());
            all.put("pipeline", new Load(LoadSettings.builder().build()).loadFromString(yaml));
            all.put("schema", schema);
            all.put("transforms", transforms);
            all.put("model", model);
            all.put("metrics", metrics);
            main.out.println(Json.pretty(all));
            return 0;
        }
        main.out.println("Run " + dir.toAbsolutePath().normalize());
        main.out.println();
        main.out.println("Pipeline:");
        yaml.lines().forEach(line -> main.out.println("  " + line));
        main.out.println();
        main.out.println("Schema:");
        schema.forEach(c -> main.out.println("  " + c.get("name") + ": " + c.get("type")));
        main.out.println();
        main.out.println("Metrics:");
        MetricsTable.render(List.of(dir.getFileName().toString()), List.of(metrics))
                .lines()
                .forEach(line -> main.out.println("  " + line));
        for (Map<String, Object> t : transforms) {
            main.out.println();
            main.out.println("Transform " + t.get("type") + ":");
            printParameters(asMap(t.get("parameters")));
        }
        main.out.println();
        main.out.println("Model " + model.get("type") + " (" + model.get("task") + ", features " + fitted.features()
                + (fitted.classes().isEmpty() ? "" : ", classes " + fitted.classes()) + "):");
        printParameters(fitted.model().describe());
        coefficients.ifPresent(this::printCoefficients);
        return 0;
    }

    /** One block per output, features by the size of their weight, as a reader scans for what matters. */
    private void printCoefficients(Coefficients c) {
        main.out.println();
        main.out.println("Coefficients (per unit of each model input, after the transforms):");
        int width = c.features().stream().mapToInt(String::length).max().orElse(9);
        width = Math.max(width, "intercept".length());
        for (int o = 0; o < c.outputs().size(); o++) {
            main.out.println("  " + c.outputs().get(o) + ":");
            main.out.printf(Locale.ROOT, "    %-" + width + "s  %12.6g%n", "intercept", c.intercepts()[o]);
            for (int f : c.byMagnitude(o)) {
                main.out.printf(
                        Locale.ROOT,
                        "    %-" + width + "s  %12.6g%n",
                        c.features().get(f),
                        c.weights()[o][f]);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    private void printParameters(Map<String, Object> parameters) {
        parameters.forEach((name, value) -> {
            try {
                main.out.println("  " + name + " = " + Json.compact(value));
            } catch (IllegalStateException e) {
                throw new UncheckedIOException(new IOException("cannot show parameter " + name, e));
            }
        });
    }
}
