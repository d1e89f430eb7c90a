package dev.quiver.plugins.tribuo.internal;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** Class names as users read them in messages and listings. Stateless. */
final class Classes {

    private Classes() {}

    /** {@code org.tribuo.math.optimisers.AdaGrad} -> {@code AdaGrad}; nested classes keep their outer name. */
    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** A field's type with simple names: {@code int}, {@code Map<String, Float>}, {@code StochasticGradientOptimiser}. */
    static String typeName(Field field) {
        return typeName(field.getGenericType());
    }

    private static String typeName(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? typeName(c.getComponentType()) + "[]" : simpleName(c.getName());
        }
        if (type instanceof ParameterizedType p) {
            StringBuilder s = new StringBuilder(typeName(p.getRawType())).append('<');
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < args.length; i++) {
                s.append(i == 0 ? "" : ", ").append(typeName(args[i]));
            }
            return s.append('>').toString();
        }
        return type.getTypeName();
    }
}
