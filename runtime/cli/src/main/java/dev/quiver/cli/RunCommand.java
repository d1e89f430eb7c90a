package dev.quiver.cli;

import dev.quiver.cli.internal.Json;
import dev.quiver.cli.internal.Progress;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code quiver run PIPELINE.yaml}: train, evaluate and save. */
@Command(name = "run", description = "Train, evaluate and save a pipeline.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file.")
    Path file;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a pipeline value, e.g. " + "training.epochs=5; repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Save the run here instead of output.dir.")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary on stdout, and progress as JSON lines on stderr.")
    boolean json;

    @Option(names = "--quiet", description = "Show no progress on stderr (warnings are still shown).")
    boolean quiet;

    @Option(names = "--resume", description = "Continue from the last checkpoint of an interrupted run.")
    boolean resume;

    private Progress.Style progressStyle() {
        if (quiet) {
            return Progress.Style.QUIET;
        }
        if (json) {
            return Progress.Style.JSON;
        }
        return main.interactive() ? Progress.Style.LIVE : Progress.Style.PLAIN;
    }

    @Override
    public Integer call() {
        Quiver quiver = main.quiver();
        Pipeline pipeline = quiver.load(file, sets);
        RunOptions options =
                RunOptions.defaults().withResume(resume).withListener(new Progress(main.err, progressStyle()));
        if (out != null) {
            options = options.withOutputDir(out);
        }
        RunResult result = quiver.run(pipeline, options);
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("pipeline", pipeline.name());
            summary.put("directory", result.directory().toString());
            summary.put("runId", result.runId().orElse(null));
            summary.put("runDirectory", result.runDirectory().toString());
            summary.put("history", result.historyDirectory().map(Path::toString).orElse(null));
            summary.put("metrics", result.metrics());
            main.out.println(Json.pretty(summary));
        } else {
            main.out.println("Saved run '" + pipeline.name() + "' to " + result.directory());
            main.out.print(MetricsTable.render(
                    List.of(result.directory().getFileName().toString()), List.of(Json.tree(result.metrics()))));
            splitNote(result.metrics()).ifPresent(main.out::println);
            if (result.metrics().get("training") instanceof Map<?, ?> training
                    && training.get("seconds") instanceof Number seconds) {
                Object rate = training.get("rowsPerSecond");
                main.out.printf(
                        Locale.ROOT,
                        "Trained in %.3f s%s.%n",
                        seconds.doubleValue(),
                        rate instanceof Number r ? String.format(Locale.ROOT, " (%,.0f rows/s)", r.doubleValue()) : "");
            }
            tuning(result.metrics()).ifPresent(main.out::println);
            main.out.println("Report: " + result.directory().resolve(RunBundle.REPORT));
        }
        return 0;
    }

    /**
     * With cross-validation, one line saying where each column's figures come from: the folds' held-out scores
     * (cv mean, cv std) or the refitted model on a split.
     */
    static Optional<String> splitNote(Map<String, Object> metrics) {
        if (!(metrics.get("cv") instanceof Map<?, ?> cv) || !(cv.get("folds") instanceof List<?> folds)) {
            return Optional.empty();
        }
        long rows = 0;
        for (Object fold : folds) {
            if (fold instanceof Map<?, ?> f && f.get("validationRows") instanceof Number n) {
                rows += n.longValue();
            }
        }
        String test = metrics.containsKey("test")
                ? "; test: the held-out test rows, scored once by the model refitted on all training rows"
                : "";
        return Optional.of("cv mean, cv std: " + folds.size() + "-fold cross-validation on the " + rows
                + " training rows (mean and spread of the held-out folds)" + test + ".");
    }

    /** One line on a tuned run: which trial won, with what score and parameters. */
    static Optional<String> tuning(Map<String, Object> metrics) {
        if (!(metrics.get("tune") instanceof Map<?, ?> tune)
                || !(tune.get("trials") instanceof List<?> trials)
                || !(tune.get("best") instanceof Integer best)
                || !(tune.get("objective") instanceof Map<?, ?> goal)
                || !(trials.get(best) instanceof Map<?, ?> trial)) {
            return Optional.empty();
        }
        String score = trial.get("score") instanceof Number n ? MetricsTable.format(n.doubleValue()) : "-";
        String params = trial.get("params") instanceof Map<?, ?> p
                ? p.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "))
                : "";
        return Optional.of("Tuned: trial " + (best + 1) + " of " + trials.size() + " won with " + goal.get("metric")
                + " " + score + " on " + goal.get("on") + " (" + params + "); it is the saved model.");
    }
}
