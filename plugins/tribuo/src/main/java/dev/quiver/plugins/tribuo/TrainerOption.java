package dev.quiver.plugins.tribuo;

import java.util.List;

/**
 * One configurable field of a Tribuo component, as OLCUT's {@code @Config} annotation declares it: what
 * {@code quiver plugins tribuo} prints for a trainer. Immutable.
 *
 * @param name the key to write under {@code options:}
 * @param type the Java type, simple name for components and enums ({@code int}, {@code StochasticGradientOptimiser})
 * @param defaultValue the value a freshly constructed component has, as text; empty when none
 * @param required whether OLCUT insists on a value (Quiver may still supply it: see {@link #suppliedBy})
 * @param description OLCUT's field description
 * @param choices the constants of an enum-typed field; empty otherwise
 * @param suppliedBy when Quiver fills the field unless the user does, why (e.g. "the pipeline seed"); empty
 *     otherwise
 */
public record TrainerOption(
        String name,
        String type,
        String defaultValue,
        boolean required,
        String description,
        List<String> choices,
        String suppliedBy) {

    public TrainerOption {
        choices = List.copyOf(choices);
    }
}
