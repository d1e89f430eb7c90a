package dev.quiver.runtime.exec.internal;

import dev.quiver.api.model.TrainingData;
import dev.quiver.runtime.bundle.AtomicDirectory;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.exec.RunResult;
import dev.quiver.runtime.explain.Importances;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.report.Insights;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The end every run shares, whoever fitted it (the local fit step or an execution engine's): score the fitted
 * pipeline on every split, measure permutation importance when asked, gather the report's insights and write the
 * run record into the run folder. Stateless; called on the run's thread.
 */
final class RunCompletion {

    /**
     * What the fit produced, for scoring and the run record.
     *
     * @param fitted the fitted pipeline
     * @param trainingData the training rows as the model saw them (for the record's row counts)
     * @param history the epochs trained
     * @param cv the cross-validation folds' scores, when asked for
     * @param seconds the training time
     * @param rowEpochs rows processed over all epochs
     * @param resumedEpoch the epoch a resumed run started from, 0 for none
     * @param started when the run started
     * @param engineTrainScores an execution engine's own train scores, which replace the runtime's (empty for a
     *     local fit; see {@link dev.quiver.runtime.exec.DistributedFit#trainScores})
     */
    record Fit(
            FittedPipeline fitted,
            TrainingData trainingData,
            History history,
            Optional<CrossValidation.Result> cv,
            double seconds,
            long rowEpochs,
            int resumedEpoch,
            Instant started,
            Map<String, Double> engineTrainScores) {

        /** A local fit: every score is the runtime's own. */
        Fit(
                FittedPipeline fitted,
                TrainingData trainingData,
                History history,
                Optional<CrossValidation.Result> cv,
                double seconds,
                long rowEpochs,
                int resumedEpoch,
                Instant started) {
            this(fitted, trainingData, history, cv, seconds, rowEpochs, resumedEpoch, started, Map.of());
        }
    }

    private RunCompletion() {}

    /**
     * Scores, explains (when {@code explain} and the pipeline asks for importance) and writes the run into
     * {@code folder}, each as its own stage.
     */
    static RunResult complete(
            Pipeline pipeline,
            RunOptions options,
            RunTelemetry telemetry,
            RunExtras extras,
            RunStages stages,
            AtomicDirectory folder,
            RunTarget target,
            Splits splits,
            Fit fit,
            boolean explain) {
        FittedPipeline fitted = fit.fitted();
        RunScores scores = stages.stage("evaluate", stage -> RunScores.of(
                        fitted,
                        splits,
                        pipeline.metrics(),
                        pipeline.data().labels(),
                        stage.allocator(),
                        folder.path(),
                        PredictionsOutput.of(pipeline.output().document()),
                        telemetry)
                .withTrainScores(fit.engineTrainScores()));
        Optional<Importances> importance = (explain && fitted.target().isPresent()
                        ? pipeline.importance()
                        : Optional.<Pipeline.Importance>empty())
                .map(asked -> stages.stage(
                        "explain",
                        stage -> ImportanceStep.measure(
                                fitted,
                                scores.split().equals(RunScores.TEST)
                                        ? splits.test().orElseThrow()
                                        : splits.train(),
                                asked,
                                options.threads(),
                                stage.allocator())));
        RunRecordWriter record = new RunRecordWriter(pipeline, extras);
        Map<String, Object> metrics =
                record.metrics(scores, fit.cv(), fit.seconds(), fit.rowEpochs(), fit.trainingData(), fit.history());
        importance.ifPresent(i -> metrics.put("importance", i.toJson()));
        Insights insights = stages.stage(
                "insights",
                stage -> RunInsights.gather(
                        pipeline, fitted, splits, scores, importance, fit.history(), fit.started(), stage.allocator()));
        stages.stage("write", stage -> {
            Map<String, Object> facts = RunFacts.of(pipeline, target, fit.resumedEpoch());
            record.write(
                    folder.path(),
                    fitted,
                    metrics,
                    fit.history(),
                    scores.withCv(fit.cv()),
                    fit.rowEpochs(),
                    facts,
                    insights);
            return null;
        });
        return new RunResult(target.output(), metrics, fit.history().epochs(), fitted);
    }
}
