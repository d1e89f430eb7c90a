package dev.quiver.plugins.tribuo;

import java.util.List;
import java.util.Map;

/**
 * Adds trainers to the {@code tribuo} model from another jar, found with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.quiver.plugins.tribuo.TribuoExtension}. This is how
 * {@code quiver-plugin-tribuo-xgboost} contributes {@code trainer: xgboost} without weighing down the core.
 *
 * <p>Extensions are pure data: short names and defaults, never code that builds trainers (the generic OLCUT
 * path does that). Implementations need a public no-argument constructor and must be cheap and side-effect free
 * (no native libraries loaded). They are read once per JVM, on whichever thread first asks.
 */
public interface TribuoExtension {

    /** Short names this jar adds; a name may appear once per {@link OutputKind}. */
    List<ShortName> shortNames();

    /**
     * Options applied whenever a trainer class is used, by short name or by class name, before the user's own:
     * for correcting a Tribuo default that is surprising or wrong. Keyed by fully qualified class name.
     */
    default Map<String, Map<String, Object>> classDefaults() {
        return Map.of();
    }
}
