package dev.quiver.plugins.tribuo.internal;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.config.property.ListProperty;
import com.oracle.labs.mlrg.olcut.config.property.MapProperty;
import com.oracle.labs.mlrg.olcut.config.property.Property;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import dev.quiver.api.config.DidYouMean;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds any OLCUT-configurable component (a Tribuo trainer and everything nested in it) from options written
 * the way a pipeline file writes them: scalars become simple properties, lists list properties, plain mappings
 * map properties, and mappings with a {@code class:} key nested components, each named after its key path.
 *
 * <p>Before OLCUT sees anything, every component is checked against its {@code @Config} fields so that unknown
 * keys (with a did-you-mean), missing mandatory fields and components of the wrong type are all reported at
 * once; what only OLCUT can tell (a value of the wrong type, a rule checked in {@code postConfig}) is then
 * translated from its {@link PropertyException} to the same located form. One builder builds one component;
 * confined to its thread.
 */
public final class OlcutBuilder {

    /** The ConfigurationManager name of the root component; nested ones append their key path. */
    private static final String ROOT = "trainer";

    private static final Pattern COMPONENT = Pattern.compile("^Component: ([^,]+), ");
    private static final Pattern CAUSE = Pattern.compile(" \\(caused by .*\\)$", Pattern.DOTALL);

    private final List<ConfigurationData> components = new ArrayList<>();
    private final Map<String, List<String>> pathsByName = new HashMap<>();
    private final Map<String, Class<?>> classesByName = new HashMap<>();
    private final List<OptionProblem> problems = new ArrayList<>();

    /** The result: the built component when there were no problems. */
    public record Result(Object component, List<OptionProblem> problems) {

        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return component != null && problems.isEmpty();
        }
    }

    private OlcutBuilder() {}

    /**
     * Builds a {@code className} from {@code options} (without a {@code class} key at the top).
     *
     * @param expected the type the component must have (e.g. Tribuo's {@code Trainer})
     */
    public static Result build(String className, Map<String, Object> options, Class<?> expected) {
        OlcutBuilder builder = new OlcutBuilder();
        return builder.run(className, options, expected);
    }

    private Result run(String className, Map<String, Object> options, Class<?> expected) {
        String root = component(List.of(), className, options, expected);
        if (root == null || !problems.isEmpty()) {
            return new Result(null, problems);
        }
        try (ConfigurationManager cm = new ConfigurationManager()) {
            components.forEach(cm::addConfiguration);
            return new Result(cm.lookup(root), List.of());
        } catch (PropertyException e) {
            problems.add(translate(e));
        } catch (RuntimeException e) {
            // Tribuo checks some rules in postConfig with IllegalArgumentException (e.g. "k must be positive").
            problems.add(new OptionProblem(
                    List.of(), null, Classes.simpleName(className) + " rejected its options: " + rootMessage(e)));
        }
        return new Result(null, problems);
    }

    /** Declares one component; returns its name, or null when its class is unusable. */
    private String component(List<String> path, String className, Map<String, Object> options, Class<?> expected) {
        Class<?> type;
        try {
            type = Class.forName(className, false, OlcutBuilder.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(new OptionProblem(
                    parentPath(path),
                    lastKey(path),
                    "there is no class '" + className + "' on the classpath; write the fully qualified name of a "
                            + Classes.simpleName(expected.getName()) + " implementation"));
            return null;
        }
        if (!Configurable.class.isAssignableFrom(type) || !expected.isAssignableFrom(type)) {
            problems.add(new OptionProblem(
                    parentPath(path),
                    lastKey(path),
                    className + " is not a " + expected.getSimpleName()
                            + " that Tribuo's configuration system can build, so it cannot go here"));
            return null;
        }
        String name = path.isEmpty() ? ROOT : ROOT + "." + String.join(".", path);
        pathsByName.put(name, path);
        classesByName.put(name, type);
        Map<String, Field> fields = ComponentFields.of(type);
        Map<String, Property> properties = new LinkedHashMap<>();
        // A misspelt mandatory key is reported once, as the misspelling, not again as missing.
        Set<String> suggested = new HashSet<>();
        for (Map.Entry<String, Object> entry : options.entrySet()) {
            String key = entry.getKey();
            if (key.equals("class") || entry.getValue() == null) {
                continue;
            }
            Field field = fields.get(key);
            if (field == null) {
                DidYouMean.suggest(key, fields.keySet()).ifPresent(suggested::add);
                problems.add(new OptionProblem(
                        path,
                        key,
                        "unknown option '" + key + "' for "
                                + type.getSimpleName() + DidYouMean.hint(key, fields.keySet()) + "; its options are "
                                + fields.keySet()));
                continue;
            }
            Property property = property(path, key, field, entry.getValue());
            if (property != null) {
                properties.put(key, property);
            }
        }
        for (Field field : fields.values()) {
            Config config = field.getAnnotation(Config.class);
            if (config.mandatory()
                    && !properties.containsKey(field.getName())
                    && !options.containsKey(field.getName())
                    && !suggested.contains(field.getName())) {
                problems.add(new OptionProblem(
                        path,
                        field.getName(),
                        type.getSimpleName() + " needs '" + field.getName() + "' (" + Classes.typeName(field) + "): "
                                + config.description()));
            }
        }
        components.add(new ConfigurationData(name, type.getName(), properties));
        return name;
    }

    @SuppressWarnings("unchecked")
    private Property property(List<String> path, String key, Field field, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            if (m.get("class") instanceof String cls) {
                Class<?> expected = ComponentFields.holdsComponent(field) ? field.getType() : Configurable.class;
                String name = component(child(path, key), cls, m, expected);
                return name == null ? null : new SimpleProperty(name);
            }
            if (Map.class.isAssignableFrom(field.getType())) {
                Map<String, SimpleProperty> entries = new LinkedHashMap<>();
                m.forEach((k, v) -> entries.put(k, new SimpleProperty(text(v))));
                return new MapProperty(entries);
            }
            problems.add(new OptionProblem(path, key, componentHint(field, "a mapping without 'class:'")));
            return null;
        }
        if (value instanceof List<?> list) {
            List<SimpleProperty> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (item instanceof Map<?, ?> map && ((Map<String, Object>) map).get("class") instanceof String cls) {
                    String name = component(
                            child(path, key + "[" + i + "]"), cls, (Map<String, Object>) map, Configurable.class);
                    if (name != null) {
                        items.add(new SimpleProperty(name));
                    }
                } else {
                    items.add(new SimpleProperty(text(item)));
                }
            }
            return new ListProperty(items);
        }
        if (ComponentFields.holdsComponent(field)) {
            problems.add(new OptionProblem(path, key, componentHint(field, "'" + value + "'")));
            return null;
        }
        return new SimpleProperty(text(value));
    }

    private static String componentHint(Field field, String got) {
        return "'" + field.getName() + "' is a component (a " + field.getType().getSimpleName()
                + "): write it as a mapping whose 'class:' names the implementation, e.g. {class: "
                + field.getType().getPackageName() + ".SomeImplementation}, not " + got;
    }

    private OptionProblem translate(PropertyException e) {
        Matcher m = COMPONENT.matcher(e.getMessage() == null ? "" : e.getMessage());
        String name = m.find() ? m.group(1) : ROOT;
        String message = CAUSE.matcher(e.getMsg() == null ? "" : e.getMsg()).replaceFirst("");
        List<String> path = pathsByName.get(name);
        String key = e.getProperty();
        if (path == null) {
            // Some Tribuo components pass (property, message) where OLCUT expects (component, property, message),
            // so the "component" is really the root's offending key.
            path = List.of();
            key = key == null ? name : key;
        }
        Class<?> type = classesByName.getOrDefault(pathsByName.containsKey(name) ? name : ROOT, Object.class);
        String owner = type.getSimpleName();
        return new OptionProblem(
                path, key, key == null ? owner + ": " + message : "option '" + key + "' of " + owner + ": " + message);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }

    private static List<String> child(List<String> path, String key) {
        List<String> p = new ArrayList<>(path);
        p.add(key);
        return p;
    }

    private static List<String> parentPath(List<String> path) {
        return path.isEmpty() ? path : path.subList(0, path.size() - 1);
    }

    private static String lastKey(List<String> path) {
        return path.isEmpty() ? null : path.get(path.size() - 1);
    }
}
