package dev.quiver.plugins.tribuo;

import java.util.Map;
import java.util.Objects;

/**
 * What a short trainer name ({@code trainer: cart}) stands for under one kind of output: a Tribuo trainer class
 * and the options it starts from, which a user's {@code options:} override key by key (nested components that
 * keep their {@code class:} are merged, not replaced). Immutable.
 *
 * @param name the short name, lower-case words joined by dashes
 * @param kind the output this entry trains; one name may have an entry per kind ({@code cart})
 * @param trainerClass the fully qualified Tribuo {@code Trainer} class
 * @param defaults starting options in the shape a user writes them (nested components as maps with
 *     {@code class:}); plain maps, lists and scalars
 * @param description one sentence for {@code quiver plugins tribuo}
 */
public record ShortName(
        String name, OutputKind kind, String trainerClass, Map<String, Object> defaults, String description) {

    public ShortName {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trainerClass, "trainerClass");
        defaults = Map.copyOf(defaults);
    }
}
