package dev.quiver.plugins.tribuo.internal;

import java.util.List;

/**
 * A mistake in a model's {@code options:}, located by the path of the component it belongs to and the key within
 * that component's mapping. Immutable.
 *
 * @param path the keys leading from {@code options} to the component's mapping; empty for the trainer itself.
 *     A list item is written {@code name[i]}
 * @param key the offending key in that mapping, or null when the component as a whole is wrong
 * @param message a whole sentence for the user
 */
public record OptionProblem(List<String> path, String key, String message) {

    public OptionProblem {
        path = List.copyOf(path);
    }

    /** The dotted path of the offending key below {@code options}, for messages. */
    public String keyPath() {
        StringBuilder s = new StringBuilder(String.join(".", path));
        if (key != null) {
            s.append(s.length() == 0 ? "" : ".").append(key);
        }
        return s.toString();
    }
}
