package dev.quiver.api;

/** What a model learns to predict; inferred from the target column unless a pipeline sets it. */
public enum Task {
    /** A real-valued target. */
    REGRESSION,
    /** Exactly two classes. */
    BINARY,
    /** Three or more classes. */
    MULTICLASS,
    /** No target: group rows. */
    CLUSTERING;

    public boolean isClassification() {
        return this == BINARY || this == MULTICLASS;
    }

    /** The pipeline-file spelling: lower case. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
