package dev.quiver.plugins.tribuo.internal;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Searches a built component and everything configured inside it (an optimiser inside a trainer inside a
 * random forest...) for a component of some class. Stateless.
 */
public final class ComponentGraph {

    private static final int MAX_DEPTH = 12;

    private ComponentGraph() {}

    /** The key path (below {@code options}) of the first component that is a {@code type}, if any. */
    public static Optional<List<String>> find(Object root, Class<?> type) {
        return Optional.ofNullable(find(root, type, new ArrayList<>(), 0));
    }

    private static List<String> find(Object component, Class<?> type, List<String> path, int depth) {
        if (component == null || depth > MAX_DEPTH) {
            return null;
        }
        if (type.isInstance(component)) {
            return List.copyOf(path);
        }
        if (!(component instanceof Configurable)) {
            return null;
        }
        for (Field field : ComponentFields.of(component.getClass()).values()) {
            Object value = ComponentFields.value(component, field);
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    List<String> found = find(item, type, with(path, field.getName() + "[" + i++ + "]"), depth + 1);
                    if (found != null) {
                        return found;
                    }
                }
            } else if (value instanceof Configurable) {
                List<String> found = find(value, type, with(path, field.getName()), depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<String> with(List<String> path, String key) {
        List<String> p = new ArrayList<>(path);
        p.add(key);
        return p;
    }
}
