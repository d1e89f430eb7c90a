package dev.quiver.runtime.exec.internal;

import dev.quiver.api.model.TrainingData;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.report.Insights;
import dev.quiver.runtime.report.ReportData;
import dev.quiver.runtime.report.ReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes what a run records into its (not yet committed) run folder: the fitted pipeline ({@link RunBundle}),
 * {@code metrics.json}, {@code run.json} ({@link RunFacts}), {@code history.csv} and {@code report.html}. The marker is not written here: the
 * {@link dev.quiver.runtime.bundle.AtomicDirectory} writes it on commit, after every file. Stateless beyond the
 * pipeline and the extras; used on the run's thread.
 */
final class RunRecordWriter {

    private final Pipeline pipeline;
    private final RunExtras extras;

    RunRecordWriter(Pipeline pipeline, RunExtras extras) {
        this.pipeline = pipeline;
        this.extras = extras;
    }

    /**
     * The content of metrics.json: the split scores (and {@code details}), then {@code cv}, the extras' entries
     * and {@code training}, in that order.
     *
     * @param rowEpochs the rows trained on, counting each epoch (see {@link #rowEpochs})
     */
    Map<String, Object> metrics(
            RunScores scores,
            Optional<CrossValidation.Result> cv,
            double seconds,
            long rowEpochs,
            TrainingData data,
            History history) {
        Map<String, Object> metrics = scores.toJson();
        cv.ifPresent(result -> metrics.put("cv", result.toJson()));
        metrics.putAll(extras.metrics());
        metrics.put("training", trainingSummary(seconds, rowEpochs, data, history));
        return metrics;
    }

    /** Writes every file of the run record but the marker into {@code folder}; {@code facts} is run.json. */
    void write(
            Path folder,
            FittedPipeline fitted,
            Map<String, Object> metrics,
            History history,
            RunScores scores,
            long rowEpochs,
            Map<String, Object> facts,
            Insights insights) {
        RunBundle.writeModel(folder, fitted, pipeline.seed(), pipeline.output().document());
        RunBundle.writeJson(folder.resolve(RunBundle.METRICS), metrics);
        RunBundle.writeJson(folder.resolve(RunBundle.RUN), facts);
        writeText(folder.resolve(RunBundle.HISTORY), history.toCsv());
        writeReport(folder.resolve(RunBundle.REPORT), scores, history, fitted, rowEpochs, insights);
    }

    /**
     * Rows processed in training, counting each epoch: what the model reported for the epochs of this run (a
     * model may read the data once and iterate in memory), or, for models without epochs, the rows read.
     */
    static long rowEpochs(History history, int resumedEpoch, long rowsRead) {
        long reported = history.epochs().stream()
                .filter(e -> e.epoch() > resumedEpoch)
                .mapToLong(e -> e.rows())
                .sum();
        return reported > 0 ? reported : rowsRead;
    }

    /** The {@code training} entry of metrics.json: time and throughput in row-epochs per second. */
    private static Map<String, Object> trainingSummary(
            double seconds, long rowEpochs, TrainingData data, History history) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("seconds", seconds);
        training.put("rowsPerSecond", seconds > 0 ? rowEpochs / seconds : null);
        training.put("rowEpochs", rowEpochs);
        data.rows().ifPresent(rows -> training.put("rows", rows));
        training.put("epochs", history.epochs().size());
        return training;
    }

    private void writeReport(
            Path file, RunScores scores, History history, FittedPipeline fitted, long rows, Insights insights) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("model", pipeline.model().trainer().type());
        facts.put("task", fitted.task().label());
        facts.put("source", pipeline.data().source().component().describe());
        facts.put("seed", Long.toString(pipeline.seed()));
        Long trainRows = insights.splitRows().get(RunScores.TRAIN);
        if (trainRows != null) {
            facts.put("rows trained on", String.format(Locale.ROOT, "%,d", trainRows));
        }
        if (!history.epochs().isEmpty()) {
            facts.put("epochs", Integer.toString(history.epochs().size()));
            facts.put("row-epochs (rows × epochs processed)", String.format(Locale.ROOT, "%,d", rows));
        }
        facts.putAll(extras.facts());
        facts.putAll(insights.run());
        try {
            ReportWriter.write(
                    file,
                    new ReportData(
                            pipeline.name(),
                            RunBundle.yaml(pipeline.output().document()),
                            facts,
                            scores.values(),
                            history.epochs(),
                            scores.split(),
                            scores.predictions(),
                            extras.trials(),
                            scores.details(),
                            insights));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
