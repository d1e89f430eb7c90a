package dev.quiver.cli;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.cli.internal.Json;
import dev.quiver.runtime.bundle.LegacyRun;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.bundle.RunHistory;
import dev.quiver.runtime.bundle.RunId;
import dev.quiver.runtime.bundle.SavedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quiver runs [NAME|DIR|PIPELINE.yaml]}: the runs of a history, oldest first, with their start time,
 * duration, key metric and the parameters that differ between them; {@code *} marks the run {@code LATEST} names.
 */
@Command(
        name = "runs",
        description = "List the runs of a run history: id, start, duration, key metric, parameters that differ.")
final class RunsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @ParentCommand
    Main main;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "NAME|DIR",
            description = "A run history (output.dir), a folder of histories, a pipeline file (its output.dir), or a"
                    + " pipeline NAME (runs/NAME here); default: every history in ./runs.")
    String what;

    @Option(names = "--json", description = "Print the histories and their runs as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        List<Path> histories = histories();
        List<Object> all = new ArrayList<>();
        for (Path history : histories) {
            if (RunBundle.isRun(history)) {
                // a single run at output.dir: one an older Quiver saved there, or an --out folder
                List<SavedRun> one = List.of(SavedRun.read(history));
                if (json) {
                    Map<String, Object> single = toJson(history, Optional.empty(), one, List.of());
                    single.put("single", true);
                    all.add(single);
                } else {
                    main.out.println("Run folder " + history + " (1 run, not a run history"
                            + (LegacyRun.isLegacy(history)
                                    ? "; saved by an older Quiver, the next 'quiver run' moves it into one"
                                    : "")
                            + "):");
                    table(Optional.empty(), one, List.of());
                }
                continue;
            }
            List<SavedRun> runs = new ArrayList<>();
            for (String id : RunHistory.runs(history)) {
                runs.add(SavedRun.read(history.resolve(id)));
            }
            Optional<String> latest = RunHistory.latest(history);
            List<String> differing = SavedRun.differingParameters(runs);
            if (json) {
                all.add(toJson(history, latest, runs, differing));
            } else {
                print(history, latest, runs, differing);
            }
        }
        if (json) {
            main.out.println(Json.pretty(all));
        }
        return 0;
    }

    private void print(Path history, Optional<String> latest, List<SavedRun> runs, List<String> differing) {
        main.out.println("Run history " + history + " (" + runs.size() + " run" + (runs.size() == 1 ? "" : "s")
                + latest.map(id -> "; LATEST " + id).orElse("") + "):");
        if (runs.isEmpty()) {
            main.out.println("  no finished run yet");
            return;
        }
        table(latest, runs, differing);
    }

    private void table(Optional<String> latest, List<SavedRun> runs, List<String> differing) {
        Optional<String> key = runs.get(runs.size() - 1).keyMetric().map(Map.Entry::getKey);
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("  id", "started (UTC)", "seconds"));
        key.ifPresent(header::add);
        header.addAll(differing);
        table.add(header);
        for (SavedRun run : runs) {
            List<String> row = new ArrayList<>();
            row.add((latest.isPresent() && latest.get().equals(run.id()) ? "* " : "  ") + run.id());
            row.add(run.started()
                    .map(s -> TIME.format(Instant.parse(s)))
                    .orElse(
                            RunId.isId(run.dir().getFileName().toString())
                                    ? TIME.format(RunId.started(
                                            run.dir().getFileName().toString()))
                                    : "-"));
            row.add(run.seconds()
                    .map(s -> String.format(Locale.ROOT, "%.2f", s))
                    .orElse("-"));
            key.ifPresent(k -> row.add(value(run, k)));
            differing.forEach(p -> row.add(run.parameters().getOrDefault(p, SavedRun.UNSET)));
            table.add(row);
        }
        main.out.print(MetricsTable.table(table));
    }

    private static Map<String, Object> toJson(
            Path history, Optional<String> latest, List<SavedRun> runs, List<String> differing) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("history", history.toString());
        out.put("latest", latest.orElse(null));
        out.put("differing", differing);
        List<Object> list = new ArrayList<>();
        for (SavedRun run : runs) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", run.id());
            r.put("dir", run.dir().toString());
            r.put("started", run.started().orElse(null));
            r.put("seconds", run.seconds().orElse(null));
            run.keyMetric().ifPresent(m -> r.put("keyMetric", Map.of(m.getKey(), m.getValue())));
            Map<String, String> params = new LinkedHashMap<>();
            differing.forEach(p -> params.put(p, run.parameters().getOrDefault(p, SavedRun.UNSET)));
            r.put("parameters", params);
            list.add(r);
        }
        out.put("runs", list);
        return out;
    }

    /** The run's value of {@code key} ("test accuracy"), or "-" when it has none. */
    private static String value(SavedRun run, String key) {
        int space = key.indexOf(' ');
        var v = run.metrics().path(key.substring(0, space)).path(key.substring(space + 1));
        return v.isNumber() ? MetricsTable.format(v.asDouble()) : "-";
    }

    /** The histories {@link #what} names, as the usage says. */
    private List<Path> histories() throws IOException {
        Path given = Path.of(what == null ? "runs" : what).toAbsolutePath().normalize();
        if (what != null && Files.isRegularFile(given) && what.matches(".*\\.ya?ml")) {
            given = main.quiver().load(given, List.of()).output().dir();
            if (!RunHistory.isHistory(given) && !RunBundle.isRun(given)) {
                throw new QuiverException(
                        ErrorCode.DATA, "The pipeline " + what + " has no run history yet (" + given + ").");
            }
            return List.of(given);
        }
        if (!Files.isDirectory(given) && what != null && !what.contains("/") && !what.contains("\\")) {
            Path named = Path.of("runs", what).toAbsolutePath().normalize();
            if (Files.isDirectory(named)) {
                given = named;
            }
        }
        if (!Files.isDirectory(given)) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "No run history at " + given
                            + (what != null && !what.contains("/") ? " (nor at runs/" + what + " here)" : "")
                            + ". Give a history folder (a pipeline's output.dir), its pipeline file, or a pipeline name"
                            + " whose history is runs/NAME here.");
        }
        if (RunHistory.isHistory(given)) {
            return List.of(given);
        }
        Path parent = given.getParent();
        if (RunBundle.isRun(given)) {
            return List.of(parent != null && RunHistory.isHistory(parent) ? parent : given);
        }
        List<Path> inside;
        try (Stream<Path> entries = Files.list(given)) {
            inside = entries.filter(RunHistory::isHistory).sorted().toList();
        }
        if (inside.isEmpty()) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    given + " is not a run history and holds none (a history has a " + RunHistory.LATEST
                            + " file and one folder per run).");
        }
        return inside;
    }
}
