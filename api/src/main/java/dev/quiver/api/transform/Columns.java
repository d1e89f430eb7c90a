package dev.quiver.api.transform;

import java.util.List;
import java.util.Optional;

/**
 * The roles of a table's columns at one point of a pipeline: the features a model will see and the target it
 * learns. Transforms rewrite features (one-hot replaces a column by indicator columns; select keeps some) and
 * leave the target alone. Immutable.
 */
public record Columns(List<String> features, Optional<String> target) {

    public Columns {
        features = List.copyOf(features);
    }

    public Columns withFeatures(List<String> newFeatures) {
        return new Columns(newFeatures, target);
    }
}
