package dev.quiver.plugins.tribuo.internal;

import dev.quiver.plugins.tribuo.OutputKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tribuo.Trainer;

/**
 * How to build one Tribuo trainer: its class and the merged options (class defaults, then the short name's, then
 * the user's). A fresh trainer is built for every fit, so Quiver's trainer stays immutable while Tribuo's keep
 * their own mutable RNG state. Immutable.
 *
 * @param name what the user wrote as {@code trainer:} (a short name or the class name)
 * @param kind the output the trainer produces
 * @param trainerClass the fully qualified Tribuo trainer class
 * @param options the merged options, as plain maps, lists and scalars
 * @param seeded whether the trainer's {@code seed} is left to Quiver (the user did not set one)
 */
public record TrainerRecipe(
        String name, OutputKind kind, String trainerClass, Map<String, Object> options, boolean seeded) {

    public TrainerRecipe {
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** Builds the trainer, with {@code seed} as its seed when {@link #seeded}. */
    public OlcutBuilder.Result build(long seed) {
        Map<String, Object> withSeed = options;
        if (seeded) {
            withSeed = new LinkedHashMap<>(options);
            withSeed.put("seed", seed);
        }
        return OlcutBuilder.build(trainerClass, withSeed, Trainer.class);
    }

    /** The options a fit uses, with the seed, for provenance and {@code quiver inspect}. */
    public Map<String, Object> options(long seed) {
        Map<String, Object> shown = new LinkedHashMap<>(options);
        if (seeded) {
            shown.put("seed", seed);
        }
        return shown;
    }

    /**
     * {@code override} laid over {@code base}: keys of {@code override} win, except that a nested component
     * that keeps its class (or names none) is merged key by key rather than replaced.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            Object old = merged.get(key);
            if (old instanceof Map<?, ?> oldMap
                    && value instanceof Map<?, ?> newMap
                    && (!newMap.containsKey("class")
                            || java.util.Objects.equals(newMap.get("class"), oldMap.get("class")))) {
                merged.put(key, merge((Map<String, Object>) oldMap, (Map<String, Object>) newMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
