package dev.quiver.runtime.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configured component with the factory name it was made by and the options the user gave (kept so the run
 * bundle can record the resolved pipeline). The options keep the file's order and may hold nulls (a key written
 * without a value).
 *
 * <p>Immutable (the options are copied) and as thread-safe as its component.
 */
public record Named<T>(String type, T component, Map<String, Object> options) {

    public Named {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
