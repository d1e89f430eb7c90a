package dev.quiver.runtime.registry.internal;

import dev.quiver.api.Plugin;
import dev.quiver.api.SpiVersion;
import java.util.Optional;

/**
 * The load-time check of a plugin's declared SPI version against this runtime's, with the message that names
 * the plugin and both versions. Stateless and thread-safe.
 */
public final class SpiVersionCheck {

    private SpiVersionCheck() {}

    /**
     * Why this runtime refuses {@code plugin}'s declared SPI version ({@link SpiVersion#accepts}: same major,
     * plugin minor at most the runtime's), or empty when it runs it.
     */
    public static Optional<String> problem(Plugin plugin, String origin) {
        SpiVersion runtime = SpiVersion.runtime();
        String rule = "; a plugin runs when built for SPI " + runtime.major() + ".x with x <= " + runtime.minor()
                + ": rebuild it against quiver-api " + runtime + " or use the Quiver it was built for";
        String declared;
        try {
            declared = plugin.spiVersion();
        } catch (AbstractMethodError e) {
            return Optional.of("plugin " + origin + " was built for an SPI before 1.0 (it does not declare"
                    + " spiVersion()); this Quiver implements SPI " + runtime + rule);
        }
        SpiVersion built;
        try {
            built = SpiVersion.parse(declared);
        } catch (IllegalArgumentException e) {
            return Optional.of("plugin " + origin + " declares SPI version '" + declared + "', which is not"
                    + " MAJOR.MINOR; this Quiver implements SPI " + runtime + rule);
        }
        if (!runtime.accepts(built)) {
            return Optional.of("plugin " + origin + " was built for SPI " + built + " but this Quiver implements SPI "
                    + runtime + rule);
        }
        return Optional.empty();
    }
}
