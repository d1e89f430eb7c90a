package dev.quiver.runtime.registry.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Wraps an object a folder plugin made so that every call into it runs with the plugin's class loader as the
 * thread's context class loader (libraries such as Jackson, JAXB or a JDBC driver look classes up there), restoring
 * the caller's afterwards. What a call returns is wrapped the same way when its declared type is a Quiver api
 * interface and the object is the plugin's own, so factories, the transforms and models they create, and the fitted objects and runs those return all
 * carry the loader: fit, apply and predict included. The proxy implements every api interface of the object, so
 * the runtime's {@code instanceof} checks see what they would without it. Stateless; thread-safe when the wrapped
 * object is.
 */
public final class ContextLoaderProxy implements InvocationHandler {

    private final Object target;
    private final ClassLoader loader;

    private ContextLoaderProxy(Object target, ClassLoader loader) {
        this.target = target;
        this.loader = loader;
    }

    /** {@code object} wrapped, or itself when it implements no api interface (nothing the runtime could call). */
    public static <T> T wrap(T object, ClassLoader loader) {
        if (object == null || Proxy.isProxyClass(object.getClass())) {
            return object;
        }
        Set<Class<?>> api = new LinkedHashSet<>();
        for (Class<?> c = object.getClass(); c != null; c = c.getSuperclass()) {
            collect(c, api);
        }
        if (api.isEmpty()) {
            return object;
        }
        @SuppressWarnings("unchecked") // the proxy implements every api interface of T's class
        T proxy = (T)
                Proxy.newProxyInstance(loader, api.toArray(Class<?>[]::new), new ContextLoaderProxy(object, loader));
        return proxy;
    }

    private static void collect(Class<?> type, Set<Class<?>> out) {
        for (Class<?> i : type.getInterfaces()) {
            if (isApi(i) && !i.isSealed()) {
                out.add(i);
            }
            collect(i, out);
        }
    }

    private static boolean isApi(Class<?> type) {
        return type.isInterface() && type.getName().startsWith("dev.quiver.api.");
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> args[0] == proxy || target.equals(args[0]);
                case "hashCode" -> target.hashCode();
                default -> target.toString();
            };
        }
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object result = method.invoke(target, args);
            // Only the plugin's own objects: one the runtime handed in and gets back stays the runtime's class.
            boolean mine = result != null && result.getClass().getClassLoader() == loader;
            return mine && isApi(method.getReturnType()) ? wrap(result, loader) : result;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            thread.setContextClassLoader(caller);
        }
    }
}
