package dev.quiver.runtime.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hyper-parameter search, from a pipeline's {@code tune:} section, with every trial already drawn (by a seeded
 * sampler) and loaded: each trial is the pipeline with its parameters applied as overrides, validated like any
 * pipeline file. Immutable.
 *
 * <p>Immutable and thread-safe.
 *
 * @param strategy {@code grid} or {@code random}
 * @param metric the objective: a metric of the pipeline's {@code evaluate:} list
 * @param maximize whether a larger objective is better
 * @param crossValidated whether the objective is the cross-validation mean ({@code cv.mean}) rather than the
 *     validation split's score
 * @param trials the trials in order; ties go to the earliest
 */
public record Search(String strategy, String metric, boolean maximize, boolean crossValidated, List<Trial> trials) {

    public Search {
        trials = List.copyOf(trials);
    }

    /**
     * One trial.
     *
     * @param params the values drawn, by dotted key path, as plain maps, lists and scalars
     * @param pipeline the pipeline with them applied
     */
    public record Trial(Map<String, Object> params, Pipeline pipeline) {

        public Trial {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** Where the objective is read in metrics.json: {@code validation} or {@code cv.mean}. */
    public String objectiveSource() {
        return crossValidated ? "cv.mean" : "validation";
    }
}
