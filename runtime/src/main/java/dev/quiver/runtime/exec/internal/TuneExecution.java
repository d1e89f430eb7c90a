package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.bundle.AtomicDirectory;
import dev.quiver.runtime.bundle.ScratchFolder;
import dev.quiver.runtime.exec.RunListener;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.Search;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A hyper-parameter search: every trial is a full run of its pipeline (into a hidden scratch folder beside the
 * output, deleted at the end), trials in parallel up to the thread count; each is scored by the objective on its
 * validation split or its cross-validation mean. A trial failing for another reason than divergence fails the
 * search, named with its parameters. The output folder is checked before the first trial. The best trial (ties:
 * the earliest; a diverged trial never wins) is then run again into the real output folder (same data, config and
 * seed, so the same model) and saved as the run's model, its metrics.json and report listing every trial. Single
 * use, confined to the calling thread.
 */
public final class TuneExecution {

    /** One trial's outcome: its score (NaN when it diverged or the score was NaN) and why it failed, if it did. */
    private record Outcome(double score, Optional<String> error) {}

    private final Pipeline pipeline;
    private final Search search;
    private final RunOptions options;
    private final RunTelemetry telemetry;
    private final BufferAllocator parent;

    /** {@code parent}: the allocator each trial and the final run take a child of, or null for roots of their own. */
    public TuneExecution(Pipeline pipeline, RunOptions options, RunTelemetry telemetry, BufferAllocator parent) {
        this.parent = parent;
        this.pipeline = pipeline;
        this.search = pipeline.search().orElseThrow(() -> new IllegalArgumentException("no search"));
        this.options = options;
        this.telemetry = telemetry;
    }

    public RunResult execute() {
        try (RunTarget target = RunTarget.open(pipeline, options)) {
            return execute(target);
        }
    }

    private RunResult execute(RunTarget target) {
        List<Search.Trial> trials = search.trials();
        int parallel = Math.min(options.threads(), trials.size());
        int inner = Math.max(1, options.threads() / parallel);
        Path output = target.output();
        AtomicDirectory.checkReplaceable(output);
        options.listener().stageStarted("tune");
        List<Outcome> outcomes;
        try (ScratchFolder folder = ScratchFolder.beside(output, ScratchFolder.TUNE)) {
            Path scratch = folder.path();
            List<Callable<Outcome>> work = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) {
                int index = i;
                RunOptions trialOptions = new RunOptions(
                        Optional.of(scratch.resolve("trial-" + (i + 1))),
                        false,
                        warnings("Trial " + (i + 1) + ": "),
                        inner);
                work.add(() -> score(index, trials.size(), trials.get(index).pipeline(), trialOptions));
            }
            outcomes = Parallel.runAll(work, parallel);
        }
        int best = best(outcomes);
        if (best < 0) {
            throw new QuiverException(
                    ErrorCode.DIVERGED,
                    "Every one of the " + trials.size() + " tuning trials "
                            + "diverged or scored NaN or infinity, so there is no best configuration; narrow the search "
                            + "space.");
        }
        Pipeline chosen = trials.get(best).pipeline();
        return new RunExecution(
                        chosen,
                        options,
                        telemetry,
                        parent,
                        new RunExtras(
                                Map.of("tune", toJson(outcomes, best)),
                                Map.of("tuning", summary(outcomes, best)),
                                rows(outcomes, best)))
                .execute(target);
    }

    private Outcome score(int index, int count, Pipeline trial, RunOptions trialOptions) {
        try {
            RunResult result =
                    RunExecution.trial(trial, trialOptions, telemetry, parent).execute();
            return new Outcome(objective(result.metrics()), Optional.empty());
        } catch (QuiverException e) {
            if (e.code() == ErrorCode.DIVERGED) {
                return new Outcome(Double.NaN, Optional.of(e.getMessage()));
            }
            // the parameters are what the user needs to find the failing configuration
            throw new QuiverException(
                    e.code(),
                    "Tuning trial " + (index + 1) + " of " + count + " "
                            + search.trials().get(index).params() + ": " + e.getMessage(),
                    e);
        }
    }

    private double objective(Map<String, Object> metrics) {
        Object scores = metrics.get("validation");
        if (search.crossValidated() && metrics.get("cv") instanceof Map<?, ?> cv) {
            scores = cv.get("mean");
        }
        if (scores instanceof Map<?, ?> values && values.get(search.metric()) instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }

    /** The index of the best finite score (the earliest among equals), or -1 when none is finite. */
    private int best(List<Outcome> outcomes) {
        int best = -1;
        for (int i = 0; i < outcomes.size(); i++) {
            double s = outcomes.get(i).score();
            if (Double.isFinite(s)
                    && (best < 0
                            || (search.maximize()
                                    ? s > outcomes.get(best).score()
                                    : s < outcomes.get(best).score()))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The {@code tune} entry of metrics.json: {@code {"strategy", "objective": {"metric", "goal", "on"}, "best":
     * index, "trials": [{"params": {..}, "score": x}, ...]}}; a NaN score is null, a diverged trial has "error".
     */
    private Map<String, Object> toJson(List<Outcome> outcomes, int best) {
        Map<String, Object> objective = new LinkedHashMap<>();
        objective.put("metric", search.metric());
        objective.put("goal", search.maximize() ? "maximize" : "minimize");
        objective.put("on", search.objectiveSource());
        List<Object> trials = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Map<String, Object> trial = new LinkedHashMap<>();
            trial.put("params", search.trials().get(i).params());
            double s = outcomes.get(i).score();
            trial.put("score", Double.isFinite(s) ? s : null);
            outcomes.get(i).error().ifPresent(e -> trial.put("error", e));
            trials.add(trial);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("strategy", search.strategy());
        json.put("objective", objective);
        json.put("best", best);
        json.put("trials", trials);
        return json;
    }

    private String summary(List<Outcome> outcomes, int best) {
        return String.format(
                Locale.ROOT,
                "%s search, %d trials; best: trial %d, %s %.6g on %s",
                search.strategy(),
                outcomes.size(),
                best + 1,
                search.metric(),
                outcomes.get(best).score(),
                search.objectiveSource());
    }

    /** The report's trials table: trial number, score, then one column per parameter. */
    private List<Map<String, String>> rows(List<Outcome> outcomes, int best) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("trial", (i + 1) + (i == best ? " (best)" : ""));
            double s = outcomes.get(i).score();
            row.put(
                    search.metric() + " on " + search.objectiveSource(),
                    Double.isFinite(s)
                            ? String.format(Locale.ROOT, "%.6g", s)
                            : outcomes.get(i).error().map(e -> "failed").orElse("-"));
            search.trials().get(i).params().forEach((k, v) -> row.put(k, format(v)));
            rows.add(row);
        }
        return rows;
    }

    private static String format(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(value);
    }

    private RunListener warnings(String prefix) {
        RunListener outer = options.listener();
        return new RunListener() {
            @Override
            public void warn(String message) {
                synchronized (outer) {
                    outer.warn(prefix + message);
                }
            }
        };
    }
}
