package dev.quiver.plugins.metrics.classification;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.metric.Predictions;

/**
 * Which class a one-class score is about. With the {@code positiveClass} option a metric scores that class against
 * all others, whatever the task; without it a binary task scores its second class (index 1, scikit-learn's
 * {@code pos_label=1}) and a multiclass task averages over classes. Stateless.
 */
public final class PositiveClass {

    /** The label of the class to score against the rest; empty means the default described above. */
    public static final Option<String> OPTION = Option.string("positiveClass", "")
            .describe("Score this class (a label) against all others; by default the second class of a binary "
                    + "task, and the macro average over classes of a multiclass one.");

    /** Returned by {@link #resolve} when no single class applies. */
    public static final int NONE = -1;

    private PositiveClass() {}

    /** The option's value, or null when not set. */
    public static String read(Config config) {
        String label = config.get(OPTION);
        return label == null || label.isEmpty() ? null : label;
    }

    /**
     * The index of the class to score, or {@link #NONE} for a multiclass task without a chosen class.
     *
     * @throws QuiverException when {@code label} is not one of the classes; the classes are known only now
     */
    static int resolve(String label, Predictions predictions) {
        if (label != null) {
            int index = predictions.classes().indexOf(label);
            if (index < 0) {
                throw new QuiverException(
                        ErrorCode.CONFIG,
                        "positiveClass '" + label + "' is not one of the classes " + predictions.classes() + ".");
            }
            return index;
        }
        return predictions.task() == Task.BINARY ? 1 : NONE;
    }
}
