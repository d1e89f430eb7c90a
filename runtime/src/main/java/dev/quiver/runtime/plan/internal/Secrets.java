package dev.quiver.runtime.plan.internal;

import dev.quiver.api.config.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks the values of {@linkplain Option#secret() secret} options in a resolved pipeline document, which is what
 * a run folder's {@code pipeline.yaml} and report record: after {@code ${VAR}} resolution the document would
 * otherwise hold the password itself. Stateless.
 */
final class Secrets {

    /** What a secret value is written as. */
    static final String MASK = "***";

    private Secrets() {}

    /**
     * {@code document} with each secret option of {@code options} that the user wrote under the mapping
     * {@code key} replaced by {@link #MASK}; the document itself when there is nothing to hide.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> redact(Map<String, Object> document, String key, List<Option<?>> options) {
        if (!(document.get(key) instanceof Map<?, ?> section)) {
            return document;
        }
        Map<String, Object> masked = new LinkedHashMap<>((Map<String, Object>) section);
        boolean changed = false;
        for (Option<?> option : options) {
            if (option.isSecret() && masked.get(option.name()) != null) {
                masked.put(option.name(), MASK);
                changed = true;
            }
        }
        if (!changed) {
            return document;
        }
        Map<String, Object> copy = new LinkedHashMap<>(document);
        copy.put(key, masked);
        return copy;
    }
}
