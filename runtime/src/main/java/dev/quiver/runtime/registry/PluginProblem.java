package dev.quiver.runtime.registry;

/**
 * Why one plugin (or plugin bundle) could not be registered, as {@code quiver plugins} lists it beside the plugins
 * that loaded. Immutable and thread-safe.
 *
 * @param origin the jar, plugin folder or plugin class at fault, as the user can find it on disk
 * @param message what is wrong and what to do, one or more sentences
 */
public record PluginProblem(String origin, String message) {

    @Override
    public String toString() {
        return message.contains(origin) ? message : origin + ": " + message; // named once, not twice
    }
}
