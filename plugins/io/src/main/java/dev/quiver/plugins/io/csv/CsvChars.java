package dev.quiver.plugins.io.csv;

import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;

/** Reads the one-character options (delimiter, quote) that the byte-level parser and writer need. */
final class CsvChars {

    private CsvChars() {}

    /** The option's value as one ASCII byte; anything else is recorded as a problem and the default is used. */
    static byte single(Config config, Option<String> option) {
        String value = config.get(option);
        if (value != null
                && value.length() == 1
                && value.charAt(0) < 0x80
                && value.charAt(0) != '\n'
                && value.charAt(0) != '\r') {
            return (byte) value.charAt(0);
        }
        config.problem(option.name(), "must be a single ASCII character other than a line break, got '" + value + "'.");
        return (byte) option.defaultValue().charAt(0);
    }
}
