package dev.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quiver.cli.internal.Json;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.bundle.RunMarker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code quiver compare RUN_DIR...}: the metrics of several runs side by side. */
@Command(name = "compare", description = "Show the metrics of several runs side by side.")
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Run folders.")
    List<Path> runs;

    @Option(names = "--json", description = "Print {run: metrics} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<String> names = new ArrayList<>();
        List<JsonNode> metrics = new ArrayList<>();
        Map<String, JsonNode> byRun = new LinkedHashMap<>();
        for (Path run : runs) {
            RunMarker.verify(run);
            JsonNode m = RunBundle.metrics(run);
            names.add(run.toString());
            metrics.add(m);
            byRun.put(run.toString(), m);
        }
        main.out.print(json ? Json.pretty(byRun) + "\n" : MetricsTable.render(names, metrics));
        return 0;
    }
}
