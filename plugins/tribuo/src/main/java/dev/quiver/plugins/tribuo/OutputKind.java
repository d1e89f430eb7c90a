package dev.quiver.plugins.tribuo;

import dev.quiver.api.Task;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The three kinds of Tribuo output Quiver maps to its tasks: {@code Label} (binary and multiclass
 * classification), {@code Regressor} (one real value) and {@code ClusterID}. It is also the spelling of a
 * model's {@code task:} option. Immutable.
 */
public enum OutputKind {
    CLASSIFICATION("org.tribuo.classification.Label", EnumSet.of(Task.BINARY, Task.MULTICLASS)),
    REGRESSION("org.tribuo.regression.Regressor", EnumSet.of(Task.REGRESSION)),
    CLUSTERING("org.tribuo.clustering.ClusterID", EnumSet.of(Task.CLUSTERING));

    private final String outputClass;
    private final Set<Task> tasks;

    OutputKind(String outputClass, Set<Task> tasks) {
        this.outputClass = outputClass;
        this.tasks = Set.copyOf(tasks);
    }

    /** The Quiver tasks a trainer of this kind can learn. */
    public Set<Task> tasks() {
        return tasks;
    }

    /** The pipeline-file spelling: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The fully qualified name of the Tribuo {@code Output} class. */
    public String outputClass() {
        return outputClass;
    }

    public static OutputKind of(Task task) {
        return switch (task) {
            case CLASSIFICATION, BINARY, MULTICLASS -> CLASSIFICATION;
            case REGRESSION -> REGRESSION;
            case CLUSTERING -> CLUSTERING;
            case LANGUAGE_MODEL -> throw new IllegalArgumentException("Tribuo has no language models");
        };
    }

    /** The kind whose Tribuo output class is {@code outputClass}; empty for outputs Quiver does not map. */
    public static Optional<OutputKind> ofOutputClass(Class<?> outputClass) {
        for (OutputKind kind : values()) {
            if (kind.outputClass.equals(outputClass.getName())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
