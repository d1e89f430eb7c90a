package dev.quiver.runtime.exec.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.runtime.bundle.AtomicDirectory;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.exec.DistributedFit;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.explain.Importances;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.report.Insights;
import dev.quiver.runtime.report.ReportData;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * One run of one pipeline, stage by stage (see {@link dev.quiver.runtime.exec.Executor} for the behaviour).
 * Single use, confined to the calling thread.
 */
public final class RunExecution {

    private final Pipeline pipeline;
    private final RunOptions options;
    private final RunTelemetry telemetry;
    private RunTelemetry.Trace trace;
    private BufferAllocator root;
    /** The run's checkpoints, deleted only once the run folder is committed (so a failed commit can resume). */
    private DirectoryCheckpoints checkpoints;

    private final Extras extras;
    /** False for a tuning trial, whose parent is its search's scratch folder (see {@link #trial}). */
    private final boolean createParent;
    /** The fit step an execution engine does in place of the local one; null for a local run. */
    private final DistributedFit distributed;
    /** The allocator whose child the run allocates from, or null: the run makes its own root. */
    private final BufferAllocator parent;

    /**
     * What a run's metrics.json and report carry beyond its own results (a tuning run's trials).
     *
     * @param metrics entries added to metrics.json, after the run's own
     * @param facts lines added to the report's facts
     * @param trials the report's trials table (see {@link ReportData#trials()})
     */
    public record Extras(Map<String, Object> metrics, Map<String, String> facts, List<Map<String, String>> trials) {

        public static final Extras NONE = new Extras(Map.of(), Map.of(), List.of());
    }

    /** {@code parent}: the allocator the run takes a child of, or null to make its own root. */
    public RunExecution(Pipeline pipeline, RunOptions options, RunTelemetry telemetry, BufferAllocator parent) {
        this(pipeline, options, telemetry, parent, Extras.NONE, true);
    }

    public RunExecution(
            Pipeline pipeline, RunOptions options, RunTelemetry telemetry, BufferAllocator parent, Extras extras) {
        this(pipeline, options, telemetry, parent, extras, true);
    }

    /** A run whose transforms and model are fitted by {@code distributed} (an execution engine's fit step). */
    public RunExecution(
            Pipeline pipeline,
            RunOptions options,
            RunTelemetry telemetry,
            BufferAllocator parent,
            Extras extras,
            DistributedFit distributed) {
        this(pipeline, options, telemetry, parent, extras, true, distributed);
    }

    private RunExecution(
            Pipeline pipeline,
            RunOptions options,
            RunTelemetry telemetry,
            BufferAllocator parent,
            Extras extras,
            boolean createParent) {
        this(pipeline, options, telemetry, parent, extras, createParent, null);
    }

    private RunExecution(
            Pipeline pipeline,
            RunOptions options,
            RunTelemetry telemetry,
            BufferAllocator parent,
            Extras extras,
            boolean createParent,
            DistributedFit distributed) {
        this.pipeline = pipeline;
        this.options = options;
        this.telemetry = telemetry;
        this.parent = parent;
        this.extras = extras;
        this.createParent = createParent;
        this.distributed = distributed;
    }

    /** A tuning trial's run, into a folder whose parent (the search's scratch folder) must exist. */
    static RunExecution trial(Pipeline pipeline, RunOptions options, RunTelemetry telemetry, BufferAllocator parent) {
        return new RunExecution(pipeline, options, telemetry, parent, Extras.NONE, false);
    }

    /** The run's allocator: a child of the host's root, or a root of its own (closing either is the leak check). */
    private BufferAllocator runAllocator() {
        if (parent == null) {
            return MemoryLimits.rootAllocator();
        }
        return parent.newChildAllocator("run " + pipeline.name(), 0, parent.getLimit());
    }

    public RunResult execute() {
        try (RunTarget target = RunTarget.open(pipeline, options)) {
            return execute(target);
        }
    }

    /** Runs into {@code target}, already open (a tuning search opens it before its trials). */
    RunResult execute(RunTarget target) {
        Path output = target.output();
        try (RunTelemetry.Trace run = telemetry.startRun(pipeline.name())) {
            trace = run;
            try (AtomicDirectory folder =
                            createParent ? AtomicDirectory.begin(output) : AtomicDirectory.beginInsideExisting(output);
                    BufferAllocator allocator = runAllocator()) {
                root = allocator;
                RunResult result = executeInto(folder, target);
                folder.commit();
                target.committed(pipeline.output().document(), options.listener());
                discardCheckpoints(target.checkpoints());
                return result;
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    /**
     * The run is saved: its checkpoints are no longer needed. Best effort, since failing to delete them must not
     * turn a finished run into a failed one; a later run without --resume clears them anyway.
     */
    private void discardCheckpoints(Path folder) {
        if (checkpoints == null) {
            return;
        }
        try {
            checkpoints.discard();
        } catch (java.io.UncheckedIOException e) {
            options.listener()
                    .warn("The run is saved, but its checkpoints could not be deleted ("
                            + e.getCause().getMessage() + "); delete " + folder + " by hand if it is still there.");
        }
    }

    private RunResult executeInto(AtomicDirectory folder, RunTarget target) {
        Path output = target.output();
        Instant runStarted = Instant.now();
        BufferAllocator data = root.newChildAllocator("data", 0, Long.MAX_VALUE);
        boolean ok = false;
        try (Splits splits = stage("split", stage -> Splits.prepare(pipeline, stage, data, telemetry))) {
            Task task = TaskResolution.resolve(pipeline, splits.classes());
            Optional<CrossValidation.Result> cv = pipeline.data().split().folds() > 0
                    ? Optional.of(stage("cv", stage -> crossValidate(splits, task, stage)))
                    : Optional.empty();
            FitStep step = new FitStep(pipeline, task, splits.classes());
            if (distributed != null) {
                return executeDistributed(folder, target, splits, task, step);
            }
            FitStep.Transforms transforms = step.fitTransforms(splits.train(), this::stagePiece);
            CountingSource counted = new CountingSource(transforms.apply(splits.train()), telemetry, RunScores.TRAIN);
            Optional<TrainingData> validation = splits.validation()
                    .map(rows -> step.trainingData(transforms.apply(rows), transforms, Optional.empty()));
            TrainingData trainingData = step.trainingData(counted, transforms, validation);

            History history = new History();
            checkpoints = DirectoryCheckpoints.open(
                    target.checkpoints(), pipeline.model().checkpointEvery(), fingerprint(), options.resume(), history);
            if (options.resume() && checkpoints.latest().isEmpty()) {
                options.listener()
                        .warn("No checkpoint to resume from in " + target.checkpoints() + "; training from the start.");
            }
            long started = System.nanoTime();
            Model model = stage(RunScores.TRAIN, stage -> step.train(trainingData, fitContext(stage, history, task)));
            double seconds = (System.nanoTime() - started) / 1e9;

            FittedPipeline fitted = step.fitted(splits.train().schema(), transforms, model);
            RunScores scores = stage(
                    "evaluate",
                    stage -> RunScores.of(
                            fitted,
                            splits,
                            pipeline.metrics(),
                            stage.allocator(),
                            folder.path(),
                            PredictionsOutput.of(pipeline.output().document()),
                            telemetry));
            // A tuning trial is scored, not explained: only the run it leads to measures importance.
            Optional<Importances> importance = (createParent && fitted.target().isPresent()
                            ? pipeline.importance()
                            : Optional.<Pipeline.Importance>empty())
                    .map(asked -> stage(
                            "explain",
                            stage -> ImportanceStep.measure(
                                    fitted,
                                    scores.split().equals(RunScores.TEST)
                                            ? splits.test().orElseThrow()
                                            : splits.train(),
                                    asked,
                                    options.threads(),
                                    stage.allocator())));
            long rowEpochs = RunRecordWriter.rowEpochs(history, checkpoints.resumedEpoch(), counted.rowsRead());
            RunRecordWriter record = new RunRecordWriter(pipeline, extras);
            Map<String, Object> metrics = record.metrics(scores, cv, seconds, rowEpochs, trainingData, history);
            importance.ifPresent(i -> metrics.put("importance", i.toJson()));
            Insights insights = stage(
                    "insights",
                    stage -> RunInsights.gather(
                            pipeline, fitted, splits, scores, importance, history, runStarted, stage.allocator()));
            stage("write", stage -> {
                Map<String, Object> facts = RunFacts.of(pipeline, target, checkpoints.resumedEpoch());
                record.write(folder.path(), fitted, metrics, history, scores.withCv(cv), rowEpochs, facts, insights);
                return null;
            });
            ok = true;
            return new RunResult(output, metrics, history.epochs(), fitted);
        } finally {
            Stage.closeChecked(data, "data", !ok);
        }
    }

    /**
     * The run with the engine's fit step: the engine fits transforms and model in stage {@code train}; scoring and
     * writing are the local run's. No checkpoints and no resume (the engine's steps are not the local loop's).
     */
    private RunResult executeDistributed(
            AtomicDirectory folder, RunTarget target, Splits splits, Task task, FitStep step) {
        Path output = target.output();
        History history = new History();
        Instant runStarted = Instant.now();
        long started = System.nanoTime();
        DistributedFit.Result result = stage(
                RunScores.TRAIN,
                stage -> distributed.fit(task, splits.classes(), fitContext(stage, history, task, Optional.empty())));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (result.transforms().size() != pipeline.data().transforms().size()) {
            throw new QuiverException(
                    ErrorCode.INTERNAL,
                    "The execution engine '" + pipeline.execution().engine() + "' returned "
                            + result.transforms().size() + " fitted transforms for the pipeline's "
                            + pipeline.data().transforms().size() + ".");
        }
        FitStep.Transforms transforms = step.transforms(result.transforms());
        FittedPipeline fitted = step.fitted(splits.train().schema(), transforms, result.model());
        TrainingData trainingData = step.trainingData(transforms.apply(splits.train()), transforms, Optional.empty());
        RunScores scores = stage(
                "evaluate",
                stage -> RunScores.of(
                        fitted,
                        splits,
                        pipeline.metrics(),
                        stage.allocator(),
                        folder.path(),
                        PredictionsOutput.of(pipeline.output().document()),
                        telemetry));
        long rowEpochs = RunRecordWriter.rowEpochs(history, 0, result.rows());
        RunRecordWriter record = new RunRecordWriter(pipeline, extras);
        Map<String, Object> metrics =
                record.metrics(scores, Optional.empty(), seconds, rowEpochs, trainingData, history);
        Insights insights = stage(
                "insights",
                stage -> RunInsights.gather(
                        pipeline, fitted, splits, scores, Optional.empty(), history, runStarted, stage.allocator()));
        stage("write", stage -> {
            Map<String, Object> facts = RunFacts.of(pipeline, target, 0);
            record.write(folder.path(), fitted, metrics, history, scores, rowEpochs, facts, insights);
            return null;
        });
        return new RunResult(output, metrics, history.epochs(), fitted);
    }

    /**
     * Cross-validates on the training rows (the final model is then refitted on all of them). Folds are
     * stratified when the split is and the task is classification.
     */
    private CrossValidation.Result crossValidate(Splits splits, Task task, Stage stage) {
        Table rows = splits.trainTable().orElseThrow(() -> new IllegalStateException("folds without a split"));
        boolean stratify = pipeline.data().split().stratify()
                && task.isClassification()
                && pipeline.data().columns().target().isPresent();
        String[] labels =
                stratify ? rows.labels(pipeline.data().columns().target().get()) : null;
        return CrossValidation.run(
                pipeline,
                rows,
                labels,
                task,
                splits.classes(),
                stage.allocator(),
                options.threads(),
                options.listener());
    }

    /** The trainer's context: the train stage's allocator, the run's history, and checkpoints when asked for. */
    private RunFitContext fitContext(Stage stage, History history, Task task) {
        Optional<Checkpoints> offered = pipeline.model().checkpointEvery() > 0 || options.resume()
                ? Optional.of(checkpoints)
                : Optional.empty();
        return fitContext(stage, history, task, offered);
    }

    private RunFitContext fitContext(Stage stage, History history, Task task, Optional<Checkpoints> offered) {
        Optional<TrainingSetup> training = pipeline.model().trainingFor(task);
        // With steps: the history's rows are the model's own report intervals, whose count the run cannot know.
        training.ifPresent(setup -> options.listener().trainingStarted(setup.steps() > 0 ? 0 : setup.epochs()));
        return new RunFitContext(
                stage.allocator(),
                pipeline.seed(),
                history,
                options.listener(),
                telemetry,
                pipeline.name(),
                offered,
                training);
    }

    /** A piece of the fit step as a stage of its own ({@code fit.<type>}). */
    private <T> T stagePiece(String name, Function<BufferAllocator, T> body) {
        return stage(name, stage -> body.apply(stage.allocator()));
    }

    /** Runs {@code body} as stage {@code name}: its own allocator and span; plugin failures name the stage. */
    private <T> T stage(String name, Function<Stage, T> body) {
        options.listener().stageStarted(name);
        try (Stage stage = Stage.start(name, root, trace)) {
            try {
                return body.apply(stage);
            } catch (QuiverException e) {
                throw stage.fail(e);
            } catch (OutOfMemoryException e) {
                throw stage.fail(MemoryLimits.arrowExhausted(name, root, e));
            } catch (OutOfMemoryError e) {
                // The stage's objects are unreachable once we are here, so there is heap again to say which limit.
                throw stage.fail(MemoryLimits.heapExhausted(name, pipeline, e));
            } catch (UncheckedIOException e) {
                throw stage.fail(new QuiverException(
                        ErrorCode.DATA,
                        "Stage '" + name + "' could not read or write a " + "file: "
                                + e.getCause().getMessage(),
                        e));
            } catch (RuntimeException e) {
                throw stage.fail(new QuiverException(ErrorCode.INTERNAL, "Stage '" + name + "' failed: " + e, e));
            }
        }
    }

    private String fingerprint() {
        try {
            byte[] json = new ObjectMapper().writeValueAsBytes(pipeline.output().document());
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
