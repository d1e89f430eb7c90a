package dev.quiver.runtime.exec.internal;

import java.util.Locale;
import java.util.Map;

/**
 * What {@code predictions.arrow} holds, by the pipeline's {@code output.predictions}: {@code lean} (the default) a
 * row id, the target and the prediction columns; {@code full} also every input column, as read; {@code none} no
 * file. The features are most of a wide file's bytes and are in the source already, so lean is the default.
 */
public enum PredictionsOutput {
    FULL,
    LEAN,
    NONE;

    /** The 0-based position of each row in the evaluated split, so a lean file can be joined back to its rows. */
    public static final String ROW_ID = "row";

    /** The choice in a resolved pipeline document (validated when it was loaded); lean when absent. */
    public static PredictionsOutput of(Map<String, Object> document) {
        if (document != null
                && document.get("output") instanceof Map<?, ?> output
                && output.get("predictions") instanceof String choice) {
            return valueOf(choice.toUpperCase(Locale.ROOT));
        }
        return LEAN;
    }
}
