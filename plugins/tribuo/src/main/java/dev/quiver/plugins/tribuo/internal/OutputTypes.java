package dev.quiver.plugins.tribuo.internal;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Trainer;
import org.tribuo.ensemble.EnsembleCombiner;

/**
 * Finds which Tribuo {@code Output} a built trainer produces, from its class's generic signature
 * ({@code LogisticRegressionTrainer implements Trainer<Label>}) or, for generic trainers such as
 * {@code KNNTrainer<T>} or {@code RandomForestTrainer<T>}, from the components it was configured with (its
 * combiner, its inner trainer). Stateless.
 */
public final class OutputTypes {

    private OutputTypes() {}

    /** The output class of a trainer instance, when it can be told. */
    public static Optional<Class<?>> of(Object trainer) {
        return Optional.ofNullable(find(trainer, 0));
    }

    private static Class<?> find(Object component, int depth) {
        if (component == null || depth > 8) {
            return null;
        }
        Class<?> direct = argument(
                component.getClass(), component instanceof Trainer<?> ? Trainer.class : EnsembleCombiner.class);
        if (direct != null) {
            return direct;
        }
        for (Field field : ComponentFields.of(component.getClass()).values()) {
            Object value = ComponentFields.value(component, field);
            if (value instanceof Trainer<?> || value instanceof EnsembleCombiner<?>) {
                Class<?> found = find(value, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The output class of a trainer class, when its generic signature fixes it (not for {@code KNNTrainer<T>}). */
    public static Optional<Class<?>> ofClass(Class<?> trainerClass) {
        return Optional.ofNullable(argument(trainerClass, Trainer.class));
    }

    /** The class bound to {@code target}'s first type parameter along {@code type}'s supertypes, or null. */
    static Class<?> argument(Class<?> type, Class<?> target) {
        return walk(type, target, new HashMap<>());
    }

    private static Class<?> walk(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> env = bindings;
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            env = new HashMap<>();
            TypeVariable<?>[] params = raw.getTypeParameters();
            for (int i = 0; i < params.length && i < args.length; i++) {
                Type arg = args[i];
                env.put(params[i], arg instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : arg);
            }
            if (raw == target) {
                Type bound = env.get(params[0]);
                if (bound instanceof Class<?> c) {
                    return c;
                }
                return bound instanceof ParameterizedType bp ? (Class<?>) bp.getRawType() : null;
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
            if (raw == target) {
                return null;
            }
        } else {
            return null;
        }
        if (raw.getGenericSuperclass() != null) {
            Class<?> found = walk(raw.getGenericSuperclass(), target, env);
            if (found != null) {
                return found;
            }
        }
        for (Type i : raw.getGenericInterfaces()) {
            Class<?> found = walk(i, target, env);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
