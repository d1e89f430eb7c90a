package dev.quiver.api;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a model learns to predict: the one type for the task of a pipeline, from the plan to the saved model.
 *
 * <p>Before any data is read the task is known up to the class count: a pipeline inferred to classify is
 * {@link #CLASSIFICATION}. Once the training rows' classes are known, {@link #resolve} turns it into
 * {@link #BINARY} or {@link #MULTICLASS}, once; trainers, models, losses and metrics only ever see a resolved task
 * and declare the resolved tasks they support.
 */
public enum Task {
    /** A real-valued target. */
    REGRESSION,
    /** Classification whose class count is not yet known (at plan time only); resolves to BINARY or MULTICLASS. */
    CLASSIFICATION,
    /** Exactly two classes. */
    BINARY,
    /** Three or more classes. */
    MULTICLASS,
    /** No target: group rows. */
    CLUSTERING,
    /**
     * No target column: each row is a window of token ids and the model learns to predict every token from the
     * ones before it. A language model's {@code prediction} for a row is the window's mean next-token
     * cross-entropy (nats), the figure {@code perplexity} exponentiates.
     */
    LANGUAGE_MODEL;

    public boolean isClassification() {
        return this == CLASSIFICATION || this == BINARY || this == MULTICLASS;
    }

    /** Whether this is final: every task but {@link #CLASSIFICATION}. */
    public boolean isResolved() {
        return this != CLASSIFICATION;
    }

    /**
     * Whether a component declaring {@code supported} (resolved tasks) can take this task: for
     * {@link #CLASSIFICATION}, when it does either binary or multi-class.
     */
    public boolean isSupportedBy(Set<Task> supported) {
        return this == CLASSIFICATION
                ? supported.contains(BINARY) || supported.contains(MULTICLASS)
                : supported.contains(this);
    }

    /**
     * The task once the training rows' classes are known. {@link #CLASSIFICATION} becomes {@link #BINARY} with two
     * classes when {@code supported} (the trainer's tasks) includes it, else {@link #MULTICLASS}; the other tasks
     * stay as they are.
     *
     * @param target the target column's name, for messages
     * @throws QuiverException ({@link ErrorCode#DATA}) for a classification with fewer than two classes, or a
     *     binary task with more than two
     */
    public Task resolve(List<String> classes, Set<Task> supported, String target) {
        if (!isClassification()) {
            return this;
        }
        if (classes.size() < 2) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "The target '" + target + "' has " + (classes.isEmpty() ? "no labels" : "only the class " + classes)
                            + " in the training rows; a classifier needs at "
                            + "least two classes.");
        }
        if (this == BINARY && classes.size() > 2) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "The task is binary, but the target '" + target + "' has " + classes.size()
                            + " classes in the training rows: " + classes + ".");
        }
        if (this == CLASSIFICATION) {
            return classes.size() == 2 && supported.contains(BINARY) ? BINARY : MULTICLASS;
        }
        return this;
    }

    /** The pipeline-file spelling: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
