package dev.quiver.runtime.pipeline;

import java.util.Map;

/**
 * A configured component with the factory name it was made by and the options the user gave (kept so the run
 * bundle can record the resolved pipeline).
 */
public record Named<T>(String type, T component, Map<String, Object> options) {

    public Named {
        options = Map.copyOf(options);
    }
}
