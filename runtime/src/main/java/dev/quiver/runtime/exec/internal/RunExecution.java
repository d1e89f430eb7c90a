package dev.quiver.runtime.exec.internal;

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
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One run of one pipeline, stage by stage (see {@link dev.quiver.runtime.exec.Executor} for the behaviour).
 * Single use, confined to the calling thread.
 */
public final class RunExecution {

    private final Pipeline pipeline;
    private final RunOptions options;
    private final RunTelemetry telemetry;
    /** The run's stages, over its allocator and trace; set when the run starts. */
    private RunStages stages;
    /** The run's checkpoints, deleted only once the run folder is committed (so a failed commit can resume). */
    private DirectoryCheckpoints checkpoints;

    private final RunExtras extras;
    /** False for a tuning trial, whose parent is its search's scratch folder (see {@link #trial}). */
    private final boolean createParent;
    /** The fit step an execution engine does in place of the local one; null for a local run. */
    private final DistributedFit distributed;
    /** The allocator whose child the run allocates from, or null: the run makes its own root. */
    private final BufferAllocator parent;

    /** {@code parent}: the allocator the run takes a child of, or null to make its own root. */
    public RunExecution(Pipeline pipeline, RunOptions options, RunTelemetry telemetry, BufferAllocator parent) {
        this(pipeline, options, telemetry, parent, RunExtras.NONE, true, null);
    }

    public RunExecution(
            Pipeline pipeline, RunOptions options, RunTelemetry telemetry, BufferAllocator parent, RunExtras extras) {
        this(pipeline, options, telemetry, parent, extras, true, null);
    }

    /** A run whose transforms and model are fitted by {@code distributed} (an execution engine's fit step). */
    public RunExecution(
            Pipeline pipeline,
            RunOptions options,
            RunTelemetry telemetry,
            BufferAllocator parent,
            RunExtras extras,
            DistributedFit distributed) {
        this(pipeline, options, telemetry, parent, extras, true, distributed);
    }

    private RunExecution(
            Pipeline pipeline,
            RunOptions options,
            RunTelemetry telemetry,
            BufferAllocator parent,
            RunExtras extras,
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
        return new RunExecution(pipeline, options, telemetry, parent, RunExtras.NONE, false, null);
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
            try (AtomicDirectory folder =
                            createParent ? AtomicDirectory.begin(output) : AtomicDirectory.beginInsideExisting(output);
                    BufferAllocator allocator = runAllocator()) {
                stages = new RunStages(pipeline, options.listener(), allocator, run);
                RunResult result = executeInto(folder, target);
                folder.commit();
                target.committed(pipeline.output().document(), options.listener());
                if (checkpoints != null) {
                    checkpoints.discardAfterCommit(options.listener());
                }
                return result;
            } catch (RuntimeException e) {
                run.fail(e);
                throw e;
            }
        }
    }

    private RunResult executeInto(AtomicDirectory folder, RunTarget target) {
        Instant runStarted = Instant.now();
        BufferAllocator data = stages.root().newChildAllocator("data", 0, Long.MAX_VALUE);
        boolean ok = false;
        try (Splits splits = stages.stage("split", stage -> Splits.prepare(pipeline, stage, data, telemetry))) {
            Task task = TaskResolution.resolve(pipeline, splits.classes());
            Optional<CrossValidation.Result> cv = pipeline.data().split().folds() > 0
                    ? Optional.of(stages.stage(
                            "cv",
                            stage -> CrossValidation.run(
                                    pipeline,
                                    splits.foldRows(),
                                    splits.foldLabels(pipeline, task),
                                    task,
                                    splits.classes(),
                                    stage.allocator(),
                                    options.threads(),
                                    options.listener())))
                    : Optional.empty();
            FitStep step = new FitStep(pipeline, task, splits.classes());
            if (distributed != null) {
                return executeDistributed(folder, target, splits, task, step);
            }
            FitStep.Transforms transforms = step.fitTransforms(splits.train(), stages::piece);
            CountingSource counted = new CountingSource(transforms.apply(splits.train()), telemetry, RunScores.TRAIN);
            Optional<TrainingData> validation = splits.validation()
                    .map(rows -> step.trainingData(transforms.apply(rows), transforms, Optional.empty()));
            TrainingData trainingData = step.trainingData(counted, transforms, validation);

            History history = new History();
            checkpoints = DirectoryCheckpoints.open(
                    target.checkpoints(),
                    pipeline.model().checkpointEvery(),
                    DirectoryCheckpoints.fingerprint(pipeline.output().document()),
                    options.resume(),
                    history);
            if (options.resume() && checkpoints.latest().isEmpty()) {
                options.listener()
                        .warn("No checkpoint to resume from in " + target.checkpoints() + "; training from the start.");
            }
            long started = System.nanoTime();
            Model model =
                    stages.stage(RunScores.TRAIN, stage -> step.train(trainingData, fitContext(stage, history, task)));
            double seconds = (System.nanoTime() - started) / 1e9;

            FittedPipeline fitted = step.fitted(splits.train().schema(), transforms, model);
            long rowEpochs = RunRecordWriter.rowEpochs(history, checkpoints.resumedEpoch(), counted.rowsRead());
            RunCompletion.Fit fit = new RunCompletion.Fit(
                    fitted, trainingData, history, cv, seconds, rowEpochs, checkpoints.resumedEpoch(), runStarted);
            // A tuning trial is scored, not explained: only the run it leads to measures importance.
            RunResult result = RunCompletion.complete(
                    pipeline, options, telemetry, extras, stages, folder, target, splits, fit, createParent);
            ok = true;
            return result;
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
        History history = new History();
        Instant runStarted = Instant.now();
        long started = System.nanoTime();
        DistributedFit.Result result = stages.stage(
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
        long rowEpochs = RunRecordWriter.rowEpochs(history, 0, result.rows());
        Map<String, Double> engineScores =
                stages.stage("evaluate." + pipeline.execution().engine(), stage -> distributed.trainScores(fitted));
        if (!engineScores.isEmpty()) {
            options.listener()
                    .note("train " + String.join(", ", new java.util.TreeSet<>(engineScores.keySet()))
                            + " aggregated by " + pipeline.execution().engine());
        }
        RunCompletion.Fit fit = new RunCompletion.Fit(
                fitted, trainingData, history, Optional.empty(), seconds, rowEpochs, 0, runStarted, engineScores);
        return RunCompletion.complete(pipeline, options, telemetry, extras, stages, folder, target, splits, fit, false);
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
}
