package dev.quiver.api;

/**
 * The version of this SPI, {@code MAJOR.MINOR}, and the rule by which the runtime accepts a plugin.
 *
 * <p>A plugin declares the version it was built against by implementing {@link Plugin#spiVersion()} as
 * {@code return SpiVersion.CURRENT;}. {@link #CURRENT} is a compile-time constant, so {@code javac} copies its
 * value into the plugin's class file: the plugin carries the version of the api jar it was compiled against, not
 * the one it happens to run with. {@link #runtime()} is a method, so it answers with the api on the runtime's
 * classpath.
 *
 * <p>Compatibility: a plugin is accepted when its major version equals the runtime's and its minor version is
 * at most the runtime's. A minor release only adds to the SPI (new default methods, new types), so a plugin
 * built against 1.0 runs on 1.2; one built against 1.2 may call what 1.0 lacks, and a major release may
 * change or remove anything. Stateless and thread-safe.
 */
public final class SpiVersion {

    /** The version of this SPI; what a plugin returns from {@link Plugin#spiVersion()}. */
    public static final String CURRENT = "1.0";

    private final int major;
    private final int minor;

    private SpiVersion(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    /** The SPI version of the api on the classpath ({@link #CURRENT}, read where it is not inlined). */
    public static SpiVersion runtime() {
        return parse(CURRENT);
    }

    /**
     * Parses {@code MAJOR.MINOR} (two non-negative integers).
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static SpiVersion parse(String text) {
        if (text == null || !text.matches("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})")) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an SPI version (MAJOR.MINOR, e.g. " + CURRENT + ")");
        }
        int dot = text.indexOf('.');
        return new SpiVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    /** Whether a runtime of this version runs a plugin built against {@code plugin}: same major, minor not newer. */
    public boolean accepts(SpiVersion plugin) {
        return plugin.major == major && plugin.minor <= minor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpiVersion v && v.major == major && v.minor == minor;
    }

    @Override
    public int hashCode() {
        return 31 * major + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
