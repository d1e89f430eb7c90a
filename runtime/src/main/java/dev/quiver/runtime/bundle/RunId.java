package dev.quiver.runtime.bundle;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of one run in a {@link RunHistory}: its UTC start second and a short random suffix,
 * {@code 20261203T114500Z-3f9a1c}. Names sort as the runs were started, so a plain listing is the history in
 * order; the suffix keeps two histories' ids apart when runs are copied between them. Stateless; any thread.
 */
public final class RunId {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{6}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunId() {}

    /**
     * A new id for a run started at {@code now} that sorts after {@code newest} (the history's newest id): within
     * one second, or when the clock went back, it takes the second after the newest one's, so that "the newest
     * run" is always the last name.
     */
    public static String next(Instant now, Optional<String> newest) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        if (newest.isPresent()) {
            Instant last = started(newest.get());
            if (!second.isAfter(last)) {
                second = last.plusSeconds(1);
            }
        }
        return STAMP.format(second) + "-" + String.format("%06x", RANDOM.nextInt(1 << 24));
    }

    /** Whether {@code name} is a run id. */
    public static boolean isId(String name) {
        return ID.matcher(name).matches();
    }

    /** The start second an id names. */
    public static Instant started(String id) {
        return Instant.from(STAMP.parse(id.substring(0, id.indexOf('-'))));
    }
}
