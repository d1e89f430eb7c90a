package dev.quiver.runtime.report;

import dev.quiver.api.metric.Predictions;
import dev.quiver.api.model.EpochStats;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the HTML report shows about one run, gathered by the runtime after evaluation. Maps keep the caller's
 * order (splits as columns, metrics as rows, facts top to bottom), so pass {@link LinkedHashMap}s. Immutable apart
 * from the prediction arrays, which are shared as in {@link Predictions} and only read.
 *
 * <p>Immutable (its maps and lists are copied) and thread-safe.
 *
 * @param pipelineName the report's title, e.g. the pipeline file's name
 * @param pipelineYaml the resolved pipeline, shown verbatim (escaped) at the end; empty to leave it out
 * @param facts short key facts under the title, e.g. {@code model -> linear-regression}, {@code seed -> 42},
 *     {@code training rows -> 1,200}; may be empty
 * @param metricsBySplit metric values by split, then by metric name, e.g. {@code test -> {accuracy -> 0.95}};
 *     NaN (or null) shows as a dash
 * @param history the epochs of training, first to last; empty for models that fit in one pass (no curve then)
 * @param evaluatedSplit the split {@code predictions} come from, e.g. {@code test}, named in the chart headings
 * @param predictions the predictions the diagnostic charts are drawn from (confusion matrix, ROC and PR curves
 *     when probabilities are given, residuals for regression); null to leave those charts out
 * @param trials the rows of a tuning run's trials table, each column name to cell text (the first row's names
 *     are the header); empty for runs without tuning
 * @param details the metrics' structured details by split, then by metric name, as in metrics.json's
 *     {@code details}; a metric whose details hold a {@code matrix} (confusion-matrix) is left out of the metrics
 *     table, whose numbers would show its stand-in headline as a second accuracy; may be empty
 * @param insights the data, baselines and explanations ({@link Insights#NONE} for none)
 */
public record ReportData(
        String pipelineName,
        String pipelineYaml,
        Map<String, String> facts,
        Map<String, Map<String, Double>> metricsBySplit,
        List<EpochStats> history,
        String evaluatedSplit,
        Predictions predictions,
        List<Map<String, String>> trials,
        Map<String, ?> details,
        Insights insights) {

    /** A report without insights. */
    public ReportData(
            String pipelineName,
            String pipelineYaml,
            Map<String, String> facts,
            Map<String, Map<String, Double>> metricsBySplit,
            List<EpochStats> history,
            String evaluatedSplit,
            Predictions predictions,
            List<Map<String, String>> trials,
            Map<String, ?> details) {
        this(
                pipelineName,
                pipelineYaml,
                facts,
                metricsBySplit,
                history,
                evaluatedSplit,
                predictions,
                trials,
                details,
                Insights.NONE);
    }

    /** A report whose metrics have no details to consult. */
    public ReportData(
            String pipelineName,
            String pipelineYaml,
            Map<String, String> facts,
            Map<String, Map<String, Double>> metricsBySplit,
            List<EpochStats> history,
            String evaluatedSplit,
            Predictions predictions,
            List<Map<String, String>> trials) {
        this(pipelineName, pipelineYaml, facts, metricsBySplit, history, evaluatedSplit, predictions, trials, Map.of());
    }

    /** A report without a trials table. */
    public ReportData(
            String pipelineName,
            String pipelineYaml,
            Map<String, String> facts,
            Map<String, Map<String, Double>> metricsBySplit,
            List<EpochStats> history,
            String evaluatedSplit,
            Predictions predictions) {
        this(pipelineName, pipelineYaml, facts, metricsBySplit, history, evaluatedSplit, predictions, List.of());
    }

    public ReportData {
        Objects.requireNonNull(pipelineName, "pipelineName");
        pipelineYaml = pipelineYaml == null ? "" : pipelineYaml;
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metricsBySplit.forEach(
                (split, values) -> metrics.put(split, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        metricsBySplit = Collections.unmodifiableMap(metrics);
        history = List.copyOf(history);
        evaluatedSplit = evaluatedSplit == null ? "" : evaluatedSplit;
        trials = trials.stream()
                .map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row)))
                .toList();
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        insights = insights == null ? Insights.NONE : insights;
    }

    /** The metrics whose details, in any split, hold a {@code matrix}: not numbers for a table. */
    public Set<String> matrixMetrics() {
        Set<String> names = new HashSet<>();
        details.values().forEach(split -> {
            if (split instanceof Map<?, ?> byMetric) {
                byMetric.forEach((metric, detail) -> {
                    if (detail instanceof Map<?, ?> d && d.containsKey("matrix")) {
                        names.add(String.valueOf(metric));
                    }
                });
            }
        });
        return names;
    }
}
