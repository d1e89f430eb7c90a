package dev.quiver.runtime.config.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a scalar by environment values, as a shell would:
 * the default applies when the variable is unset or empty; <code>$${</code> writes a literal <code>${</code>. Stateless.
 */
public final class Interpolation {

    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\$\\{");

    private Interpolation() {}

    /** Whether {@code text} contains anything to replace. */
    public static boolean mentions(String text) {
        return text.contains("${");
    }

    /**
     * The text with every reference replaced.
     *
     * @throws IllegalArgumentException naming the variable when one is unset and has no default, or when a
     *     <code>${</code> is not a well-formed reference
     */
    public static String apply(String text, Map<String, String> env) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else if (m.group(1) == null) {
                throw new IllegalArgumentException("'${' must start a variable reference like ${NAME} or "
                        + "${NAME:-default} (write $${ for a literal '${')");
            } else {
                String value = env.get(m.group(1));
                String fallback = m.group(2);
                if (fallback != null && (value == null || value.isEmpty())) {
                    replacement = fallback;
                } else if (value == null) {
                    throw new IllegalArgumentException("environment variable '" + m.group(1)
                            + "' is not set; set it, or give a default: ${" + m.group(1) + ":-value}");
                } else {
                    replacement = value;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
