package dev.quiver.plugins.tribuo.internal;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OLCUT-configurable fields of a component class ({@code @Config}-annotated fields, inherited ones
 * included), found by reflection without instantiating the class. Thread-safe; results are cached per class.
 */
public final class ComponentFields {

    private static final Map<Class<?>, Map<String, Field>> CACHE = new ConcurrentHashMap<>();

    private ComponentFields() {}

    /** The configurable fields of {@code type} by name, subclass fields first. */
    public static Map<String, Field> of(Class<?> type) {
        return CACHE.computeIfAbsent(type, ComponentFields::scan);
    }

    /** Whether {@code type} has a configurable field called {@code name}. */
    public static boolean has(Class<?> type, String name) {
        return of(type).containsKey(name);
    }

    /** Whether a field holds a single OLCUT component (as opposed to a number, enum, list or map). */
    public static boolean holdsComponent(Field field) {
        return Configurable.class.isAssignableFrom(field.getType());
    }

    /** The value of a configurable field of a built component, for walking a trainer's component graph. */
    public static Object value(Object component, Field field) {
        try {
            field.setAccessible(true);
            return field.get(component);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Field> scan(Class<?> type) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Config.class) && !Modifier.isStatic(f.getModifiers())) {
                    fields.putIfAbsent(f.getName(), f);
                }
            }
        }
        return Collections.unmodifiableMap(fields);
    }
}
