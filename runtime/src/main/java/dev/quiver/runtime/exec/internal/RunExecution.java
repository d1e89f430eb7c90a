package dev.quiver.runtime.exec.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Predictions;
import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.runtime.bundle.AtomicDirectory;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.report.ReportData;
import dev.quiver.runtime.report.ReportWriter;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One run of one pipeline, stage by stage (see {@link dev.quiver.runtime.exec.Executor} for the behaviour).
 * Single use, confined to the calling thread.
 */
public final class RunExecution {

    private static final String TRAIN = "train";
    private static final String VALIDATION = "validation";
    private static final String TEST = "test";

    private final Pipeline pipeline;
    private final RunOptions options;
    private final RunTelemetry telemetry;
    private RunTelemetry.Trace trace;
    private BufferAllocator root;
    /** The run's checkpoints, deleted only once the run folder is committed (so a failed commit can resume). */
    private DirectoryCheckpoints checkpoints;

    private final Extras extras;

    /**
     * What a run's metrics.json and report carry beyond its own results (a tuning run's trials).
     *
     * @param metrics entries added to metrics.json, after the run's own
     * @param facts lines added to the report's facts
     * @param trials the report's trials table (see {@link ReportData#trials()})
     */
    public record Extras(Map<String, Object> metrics, Map<String, String> facts, List<Map<String, String>> trials) {

        static final Extras NONE = new Extras(Map.of(), Map.of(), List.of());
    }

    public RunExecution(Pipeline pipeline, RunOptions options, RunTelemetry telemetry) {
        this(pipeline, options, telemetry, Extras.NONE);
    }

    public RunExecution(Pipeline pipeline, RunOptions options, RunTelemetry telemetry, Extras extras) {
        this.pipeline = pipeline;
        this.options = options;
        this.telemetry = telemetry;
        this.extras = extras;
    }

    public RunResult execute() {
        Path output = options.outputDir().orElse(pipeline.outputDir()).toAbsolutePath().normalize();
        try (RunTelemetry.Trace run = telemetry.startRun(pipeline.name())) {
            trace = run;
            try (AtomicDirectory folder = AtomicDirectory.begin(output);
                    BufferAllocator allocator = MemoryLimits.rootAllocator()) {
                root = allocator;
                RunResult result = executeInto(folder, output);
                folder.commit();
                discardCheckpoints(output);
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
    private void discardCheckpoints(Path output) {
        if (checkpoints == null) {
            return;
        }
        try {
            checkpoints.discard();
        } catch (java.io.UncheckedIOException e) {
            options.listener().warn("The run is saved, but its checkpoints could not be deleted ("
                    + e.getCause().getMessage() + "); delete " + DirectoryCheckpoints.folderFor(output)
                    + " by hand if it is still there.");
        }
    }

    private RunResult executeInto(AtomicDirectory folder, Path output) {
        BufferAllocator data = root.newChildAllocator("data", 0, Long.MAX_VALUE);
        boolean ok = false;
        try (Splits splits = stage("split", stage -> Splits.prepare(pipeline, stage, data, telemetry))) {
            Task task = pipeline.task().resolve(splits.classes(), pipeline.model().component().tasks(),
                    pipeline.columns().target().orElse("?"));
            Optional<CrossValidation.Result> cv = pipeline.split().folds() > 0
                    ? Optional.of(stage("cv", stage -> crossValidate(splits, task, stage)))
                    : Optional.empty();
            List<FittedTransform> transforms = fitTransforms(splits.train());
            Columns columns = pipeline.columns();
            for (FittedTransform t : transforms) {
                columns = t.columns(columns);
            }
            Source trainRows = TransformedSource.of(splits.train(), transforms);
            CountingSource counted = new CountingSource(trainRows, telemetry, TRAIN);
            Optional<TrainingData> validation = Optional.empty();
            if (splits.validation().isPresent()) {
                Source rows = TransformedSource.of(splits.validation().get(), transforms);
                validation = Optional.of(trainingData(rows, columns, task, splits.classes(), Optional.empty()));
            }
            TrainingData trainingData = trainingData(counted, columns, task, splits.classes(), validation);

            History history = new History();
            checkpoints = DirectoryCheckpoints.open(output, pipeline.checkpointEvery(), fingerprint(),
                    options.resume(), history);
            if (options.resume() && checkpoints.latest().isEmpty()) {
                options.listener().warn("No checkpoint to resume from in " + DirectoryCheckpoints.folderFor(output)
                        + "; training from the start.");
            }
            long started = System.nanoTime();
            Model model = stage(TRAIN, stage -> train(trainingData, stage, history, checkpoints));
            double seconds = (System.nanoTime() - started) / 1e9;

            FittedPipeline fitted = new FittedPipeline(pipeline.name(), splits.train().schema(),
                    pipeline.columns().features(), pipeline.columns().target(), task, splits.classes(), transforms,
                    model);
            Evaluated evaluated = stage("evaluate", stage -> evaluate(fitted, splits, stage, folder.path()));
            long rowEpochs = rowEpochs(history, checkpoints.resumedEpoch(), counted.rowsRead());
            Map<String, Object> metrics = evaluated.toJson();
            cv.ifPresent(result -> metrics.put("cv", result.toJson()));
            metrics.putAll(extras.metrics());
            metrics.put("training", trainingSummary(seconds, rowEpochs, trainingData, history));
            stage("write", stage -> {
                writeRun(folder.path(), fitted, metrics, history, evaluated.withCv(cv), rowEpochs);
                return null;
            });
            ok = true;
            return new RunResult(output, metrics, history.epochs(), fitted);
        } finally {
            Stage.closeChecked(data, "data", !ok);
        }
    }

    /**
     * Cross-validates on the training rows (the final model is then refitted on all of them). Folds are
     * stratified when the split is and the task is classification.
     */
    private CrossValidation.Result crossValidate(Splits splits, Task task, Stage stage) {
        Table rows = splits.trainTable().orElseThrow(() -> new IllegalStateException("folds without a split"));
        boolean stratify = pipeline.split().stratify() && task.isClassification()
                && pipeline.columns().target().isPresent();
        String[] labels = stratify ? rows.labels(pipeline.columns().target().get()) : null;
        return CrossValidation.run(pipeline, rows, labels, task, splits.classes(), stage.allocator(),
                options.threads(), options.listener());
    }

    /** The {@code training} entry of metrics.json: time and throughput in row-epochs per second. */
    private static Map<String, Object> trainingSummary(double seconds, long rowEpochs, TrainingData data,
            History history) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("seconds", seconds);
        training.put("rowsPerSecond", seconds > 0 ? rowEpochs / seconds : null);
        training.put("rowEpochs", rowEpochs);
        data.rows().ifPresent(rows -> training.put("rows", rows));
        training.put("epochs", history.epochs().size());
        return training;
    }

    private void writeRun(Path folder, FittedPipeline fitted, Map<String, Object> metrics, History history,
            Evaluated evaluated, long rowEpochs) {
        RunBundle.writeModel(folder, fitted, pipeline.seed(), pipeline.document());
        RunBundle.writeJson(folder.resolve(RunBundle.METRICS), metrics);
        write(folder.resolve(RunBundle.HISTORY), history.toCsv());
        writeReport(folder.resolve(RunBundle.REPORT), evaluated, history, fitted, rowEpochs);
    }

    /**
     * Rows processed in training, counting each epoch: what the model reported for the epochs of this run (a
     * model may read the data once and iterate in memory), or, for models without epochs, the rows read.
     */
    private static long rowEpochs(History history, int resumedEpoch, long rowsRead) {
        long reported = history.epochs().stream().filter(e -> e.epoch() > resumedEpoch).mapToLong(e -> e.rows()).sum();
        return reported > 0 ? reported : rowsRead;
    }

    private List<FittedTransform> fitTransforms(Source train) {
        List<FittedTransform> fitted = new ArrayList<>();
        Columns columns = pipeline.columns();
        for (Named<Transform> transform : pipeline.transforms()) {
            Source rows = TransformedSource.of(train, fitted);
            Columns in = columns;
            FittedTransform f = stage("fit." + transform.type(),
                    stage -> transform.component().fit(rows, in, stage.allocator()));
            columns = f.columns(columns);
            fitted.add(f);
        }
        return fitted;
    }

    static TrainingData trainingData(Source rows, Columns columns, Task task, List<String> classes,
            Optional<TrainingData> validation) {
        Schema schema = rows.schema();
        Optional<Field> target = columns.target().map(name -> schema.getFields().stream()
                .filter(f -> f.getName().equals(name)).findFirst()
                .orElseThrow(() -> new QuiverException(ErrorCode.INTERNAL, "The transforms dropped the target column '"
                        + name + "'; transforms must pass the target through.")));
        return new PipelineData(rows, schema, columns.features(), target, task, classes, validation);
    }

    private Model train(TrainingData data, Stage stage, History history, DirectoryCheckpoints checkpoints) {
        Trainer trainer = pipeline.model().component();
        Optional<Checkpoints> offered = pipeline.checkpointEvery() > 0 || options.resume()
                ? Optional.of(checkpoints) : Optional.empty();
        RunFitContext context = new RunFitContext(stage.allocator(), pipeline.seed(), history, options.listener(),
                telemetry, pipeline.name(), offered, pipeline.trainingFor(data.task()));
        return requireModel(trainer.fit(data, context), pipeline);
    }

    /** {@code model}, which {@code pipeline}'s trainer returned; null is a plugin bug. */
    static Model requireModel(Model model, Pipeline pipeline) {
        if (model == null) {
            throw new QuiverException(ErrorCode.INTERNAL, "The model '" + pipeline.model().type()
                    + "' returned no model from training.");
        }
        return model;
    }

    /** The scores of every split, and the predictions of the evaluated one (test if there is one, else train). */
    private record Evaluated(Map<String, Map<String, Double>> values, Map<String, Object> details, String split,
            Predictions predictions) {

        /** For the report: the cross-validation mean and std as two more columns of the metrics table. */
        Evaluated withCv(Optional<CrossValidation.Result> cv) {
            if (cv.isEmpty()) {
                return this;
            }
            Map<String, Map<String, Double>> columns = new LinkedHashMap<>(values);
            columns.put("cv mean", cv.get().mean());
            columns.put("cv std", cv.get().std());
            return new Evaluated(columns, details, split, predictions);
        }

        /** The shape of metrics.json, without {@code training}: NaN becomes null, which JSON can say. */
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            values.forEach((split, scores) -> {
                Map<String, Object> finite = new LinkedHashMap<>();
                scores.forEach((k, v) -> finite.put(k, Double.isFinite(v) ? v : null));
                json.put(split, finite);
            });
            if (!details.isEmpty()) {
                json.put("details", details);
            }
            return json;
        }
    }

    private Evaluated evaluate(FittedPipeline fitted, Splits splits, Stage stage, Path folder) {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Source> named = new LinkedHashMap<>();
        named.put(TRAIN, splits.train());
        splits.validation().ifPresent(s -> named.put(VALIDATION, s));
        splits.test().ifPresent(s -> named.put(TEST, s));
        String evaluated = named.containsKey(TEST) ? TEST : TRAIN;
        Predictions predictions = null;
        for (Map.Entry<String, Source> split : named.entrySet()) {
            boolean isEvaluated = split.getKey().equals(evaluated);
            if (fitted.target().isEmpty() && !isEvaluated) {
                continue; // nothing to score without a target; only the evaluated split's predictions are kept
            }
            Path file = isEvaluated ? folder.resolve(RunBundle.PREDICTIONS) : null;
            Evaluation.Scores scores = Evaluation.score(fitted, split.getValue(), pipeline.metrics(), stage.allocator(),
                    file, rows -> telemetry.batch("evaluate", rows));
            if (fitted.target().isPresent()) {
                values.put(split.getKey(), scores.values());
            }
            if (!scores.details().isEmpty()) {
                details.put(split.getKey(), scores.details());
            }
            if (isEvaluated) {
                predictions = scores.predictions();
            }
        }
        return new Evaluated(values, details, evaluated, predictions);
    }

    private void writeReport(Path file, Evaluated evaluated, History history, FittedPipeline fitted, long rows) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("model", pipeline.model().type());
        facts.put("task", fitted.task().label());
        facts.put("source", pipeline.source().component().describe());
        facts.put("seed", Long.toString(pipeline.seed()));
        facts.put("rows trained on (all epochs)", String.format(java.util.Locale.ROOT, "%,d", rows));
        facts.putAll(extras.facts());
        try {
            ReportWriter.write(file, new ReportData(pipeline.name(), RunBundle.yaml(pipeline.document()), facts,
                    evaluated.values(), history.epochs(), evaluated.split(), evaluated.predictions(),
                    extras.trials(), evaluated.details()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                throw stage.fail(new QuiverException(ErrorCode.DATA, "Stage '" + name + "' could not read or write a "
                        + "file: " + e.getCause().getMessage(), e));
            } catch (RuntimeException e) {
                throw stage.fail(new QuiverException(ErrorCode.INTERNAL, "Stage '" + name + "' failed: " + e, e));
            }
        }
    }

    private String fingerprint() {
        try {
            byte[] json = new ObjectMapper().writeValueAsBytes(pipeline.document());
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
