package dev.quiver.api.config;

import dev.quiver.api.Location;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A typed, located view over the YAML mapping a user wrote for one component (or one nested section of it).
 *
 * <p>Reading never throws for a user mistake: a value of the wrong type, out of range, or not among the
 * choices is recorded as a problem at its {@code file:line:column} and the option's default is returned, so
 * that validation can go on and report every mistake at once. The one exception is a {@linkplain
 * Option#required() required} option with no usable value: then {@link #get} records the problem and throws
 * {@link dev.quiver.api.QuiverException}, which the runtime catches and merges with the rest.
 *
 * <p>Keys that no {@link Option} declared are reported by the runtime after the factory returns, with a
 * did-you-mean among the declared names. Instances are created and read on one thread, during validation; a
 * component should copy what it needs into its own immutable fields rather than keep the view.
 */
public interface Config {

    /** The dotted key path of this mapping in the pipeline file, e.g. {@code training.optimizer}. */
    String path();

    /** Where this mapping starts. */
    Location location();

    /** Where the value of {@code key} was written, or this mapping's location when the key is absent. */
    Location location(String key);

    /** Whether the user wrote {@code key} here. */
    boolean has(String key);

    /** The keys the user wrote, in file order. */
    Set<String> keys();

    /** The value of {@code option}, checked against its declaration; its default when absent or invalid. */
    <T> T get(Option<T> option);

    /** The nested mapping under {@code key}, if the user wrote one (a non-mapping value is a recorded problem). */
    Optional<Config> section(String key);

    /** The list of mappings under {@code key} (e.g. {@code transforms}); empty when absent. */
    List<Config> sections(String key);

    /**
     * Records a problem found by a rule that spans options (e.g. "nesterov needs momentum > 0") at the location
     * of {@code key}. Validation continues; the run will not start.
     */
    void problem(String key, String message);
}
