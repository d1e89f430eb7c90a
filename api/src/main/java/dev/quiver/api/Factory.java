package dev.quiver.api;

import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import java.util.List;
import java.util.Optional;

/**
 * A named maker of one kind of component, the unit a pipeline file refers to with {@code type: NAME}.
 *
 * <p>{@link #create} takes the component's configuration and a context and nothing else. It runs during
 * validation, before any data is read, so it must be cheap and must not open files or allocate Arrow memory:
 * it checks options (through {@link Config#get}, which records every problem with its YAML location) and
 * returns an immutable configured component. Factories are stateless and may be called from any thread.
 *
 * @param <T> the component this factory makes
 */
public interface Factory<T> {

    /** The name used in pipeline files ({@code type: NAME}); lower-case words joined by dashes. */
    String name();

    /** One sentence for {@code quiver plugins}. */
    default String description() {
        return "";
    }

    /**
     * Every option this component reads. The runtime rejects keys not listed here (with a did-you-mean) and
     * prints the list, with defaults and descriptions, in {@code quiver plugins NAME}.
     */
    default List<Option<?>> options() {
        return List.of();
    }

    /**
     * Documentation on one topic of this component, for {@code quiver plugins NAME TOPIC}: the {@code tribuo}
     * model, for one, documents each Tribuo trainer's options this way. Empty (the default) when the component
     * has no topics.
     *
     * @throws QuiverException ({@link ErrorCode#USAGE}) when the component has topics but not this one, saying
     *     which there are
     */
    default Optional<String> help(String topic) {
        return Optional.empty();
    }

    /**
     * Makes the component from validated configuration.
     *
     * <p>Problems are recorded on {@code config} ({@link Config#get}, {@link Config#problem}) rather than thrown,
     * so that a user sees every mistake at once; a factory may still throw {@link QuiverException} when it cannot
     * continue, and the runtime reports it together with the recorded ones.
     */
    T create(Config config, PluginContext context);
}
