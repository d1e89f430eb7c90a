package dev.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.cli.internal.Json;
import dev.quiver.runtime.bundle.RunReference;
import dev.quiver.runtime.bundle.SavedRun;
import dev.quiver.runtime.report.ComparisonReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quiver compare RUN RUN... [--html FILE]}: the parameters that differ between runs beside their metrics,
 * and optionally an HTML page with both and the learning curves overlaid.
 */
@Command(
        name = "compare",
        description = "Show the parameters that differ and the metrics of several runs side by side.")
final class CompareCommand implements Callable<Integer> {

    /** metrics.json's parts in a comparison, as paths, with the label each row gets. */
    private static final Map<String, String> SPLITS = splits();

    @ParentCommand
    Main main;

    @Parameters(
            arity = "1..*",
            paramLabel = "RUN",
            description = "Runs: a run folder, a run history (its LATEST run) or HISTORY/RUN_ID.")
    List<Path> runs;

    @Option(names = "--json", description = "Print {run: metrics} as JSON.")
    boolean json;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write a self-contained HTML comparison (metrics side by side, learning curves).")
    Path html;

    @Override
    public Integer call() throws IOException {
        List<String> names = new ArrayList<>();
        List<SavedRun> saved = new ArrayList<>();
        Map<String, JsonNode> byRun = new LinkedHashMap<>();
        for (Path run : runs) {
            SavedRun read = SavedRun.read(RunReference.resolve(run).run());
            names.add(run.toString());
            saved.add(read);
            byRun.put(run.toString(), read.metrics());
        }
        List<String> differing = SavedRun.differingParameters(saved);
        if (json) {
            main.out.println(Json.pretty(byRun));
        } else {
            if (!differing.isEmpty()) {
                main.out.println("Parameters that differ:");
                List<Map<String, String>> values = new ArrayList<>();
                for (SavedRun r : saved) {
                    Map<String, String> v = new LinkedHashMap<>();
                    differing.forEach(k -> v.put(k, r.parameters().getOrDefault(k, SavedRun.UNSET)));
                    values.add(v);
                }
                main.out.print(MetricsTable.texts(names, differing, values));
                main.out.println();
            } else if (saved.size() > 1) {
                main.out.println("Every run has the same resolved pipeline.");
                main.out.println();
            }
            main.out.print(MetricsTable.render(
                    names, saved.stream().map(SavedRun::metrics).toList()));
        }
        if (html != null) {
            List<ComparisonReport.Run> columns = new ArrayList<>();
            for (int i = 0; i < saved.size(); i++) {
                SavedRun r = saved.get(i);
                Map<String, String> values = new LinkedHashMap<>();
                differing.forEach(k -> values.put(k, r.parameters().getOrDefault(k, SavedRun.UNSET)));
                columns.add(new ComparisonReport.Run(
                        names.get(i), values, metrics(r.metrics()), r.epochs(), r.trainLoss(), r.validationLoss()));
            }
            ComparisonReport.write(html, differing, columns);
            if (!json) {
                main.out.println("Comparison: " + html.toAbsolutePath().normalize());
            }
        }
        return 0;
    }

    /** The numbers of metrics.json by split label, leaving out a matrix metric's stand-in number. */
    private static Map<String, Map<String, Double>> metrics(JsonNode metrics) {
        Set<String> matrices = MetricsTable.matrixMetrics(metrics);
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        SPLITS.forEach((path, label) -> {
            JsonNode node = metrics;
            for (String key : path.split("\\.")) {
                node = node.path(key);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            node.properties().forEach(e -> {
                if (!matrices.contains(e.getKey())) {
                    values.put(
                            e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
                }
            });
            if (!values.isEmpty()) {
                out.put(label, values);
            }
        });
        return out;
    }

    private static Map<String, String> splits() {
        Map<String, String> splits = new LinkedHashMap<>();
        for (String path : List.of("train", "validation", "cv.mean", "cv.std", "test")) {
            splits.put(path, path.replace('.', ' '));
        }
        return splits;
    }
}
