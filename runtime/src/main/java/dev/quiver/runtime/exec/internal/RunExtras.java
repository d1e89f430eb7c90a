package dev.quiver.runtime.exec.internal;

import dev.quiver.runtime.report.ReportData;
import java.util.List;
import java.util.Map;

/**
 * What a run's metrics.json and report carry beyond its own results (a tuning run's trials). Immutable when its
 * maps and lists are; made by the caller that starts the run and read on the run's thread.
 *
 * @param metrics entries added to metrics.json, after the run's own
 * @param facts lines added to the report's facts
 * @param trials the report's trials table (see {@link ReportData#trials()})
 */
public record RunExtras(Map<String, Object> metrics, Map<String, String> facts, List<Map<String, String>> trials) {

    /** Nothing beyond the run's own results. */
    public static final RunExtras NONE = new RunExtras(Map.of(), Map.of(), List.of());
}
