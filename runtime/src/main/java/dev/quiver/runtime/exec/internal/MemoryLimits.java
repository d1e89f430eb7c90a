package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;

/**
 * The two memory limits a run can hit, and what to tell the user about each: Arrow's direct memory, capped by
 * {@code QUIVER_MEMORY} (or the system property {@code quiver.memory}) on the process's root allocator, and the
 * Java heap, capped by {@code -Xmx} (through {@code QUIVER_JAVA_OPTS}). They need different remedies, so the
 * messages name which one ran out, in which stage, and suggest streaming only where the pipeline does not
 * already stream. Stateless; any thread.
 */
public final class MemoryLimits {

    public static final String VARIABLE = "QUIVER_MEMORY";
    static final String PROPERTY = "quiver.memory";

    private MemoryLimits() {}

    /** The process's root allocator, limited by {@code QUIVER_MEMORY} when it is set. */
    public static RootAllocator rootAllocator() {
        requireArrowAccess();
        return new RootAllocator(configuredLimit());
    }

    /** The JVM flag without which Arrow cannot reach direct buffers' addresses on JDK 17+. */
    public static final String ARROW_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    /**
     * Initialises Arrow's {@code MemoryUtil} now, so that a JVM started without {@link #ARROW_FLAG} fails here with
     * a sentence naming the flag, not later in the first allocation with Arrow's "Failed to initialize MemoryUtil"
     * buried in an {@code ExceptionInInitializerError} (or, on the second try, a bare {@code NoClassDefFoundError}).
     */
    static void requireArrowAccess() {
        try {
            Class.forName("org.apache.arrow.memory.util.MemoryUtil", true, MemoryLimits.class.getClassLoader());
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "Arrow cannot access direct memory (Failed to initialize MemoryUtil): start the JVM with "
                            + ARROW_FLAG + " (bin/quiver does; a host application adds it to its java command or"
                            + " its surefire argLine).",
                    e);
        } catch (ClassNotFoundException e) {
            throw new QuiverException(ErrorCode.INTERNAL, "arrow-memory-core is missing from the class path.", e);
        }
    }

    /** The limit {@code QUIVER_MEMORY} sets, or {@link Long#MAX_VALUE}. */
    public static long configuredLimit() {
        return limit(System.getProperty(PROPERTY, System.getenv(VARIABLE)));
    }

    /** {@code 2g}, {@code 512m}, {@code 64k} or a byte count; {@code null} or blank means no limit. */
    static long limit(String setting) {
        if (setting == null || setting.isBlank()) {
            return Long.MAX_VALUE;
        }
        String s = setting.strip().toLowerCase(Locale.ROOT);
        long unit =
                switch (s.charAt(s.length() - 1)) {
                    case 'k' -> 1L << 10;
                    case 'm' -> 1L << 20;
                    case 'g' -> 1L << 30;
                    case 't' -> 1L << 40;
                    default -> 1;
                };
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long value = Long.parseLong(digits);
            if (value > 0 && value <= Long.MAX_VALUE / unit) {
                return value * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new QuiverException(
                ErrorCode.USAGE,
                VARIABLE + "=" + setting + " is not a memory size; write e.g. " + VARIABLE
                        + "=2g, 512m or a number of bytes.");
    }

    /** Arrow's allocator refused a buffer in {@code stage}: the {@code QUIVER_MEMORY} cap (or the machine's). */
    public static QuiverException arrowExhausted(String stage, BufferAllocator root, OutOfMemoryException e) {
        return arrowExhausted(stage, root.getLimit(), e);
    }

    /** As above, for a root allocator limited to {@code limit} bytes. */
    public static QuiverException arrowExhausted(String stage, long limit, OutOfMemoryException e) {
        String cap = limit == Long.MAX_VALUE
                ? "Arrow could not get more direct memory"
                : "Arrow memory limit " + size(limit) + " reached";
        String fix = limit == Long.MAX_VALUE
                ? "cap it below the machine's memory with " + VARIABLE + " (e.g. " + VARIABLE
                        + "=2g) or raise -XX:MaxDirectMemorySize in QUIVER_JAVA_OPTS"
                : "raise " + VARIABLE;
        return new QuiverException(
                ErrorCode.DATA, cap + " in stage '" + stage + "' (" + e.getMessage() + "); " + fix + ".", e);
    }

    /** The Java heap ran out in {@code stage} of {@code pipeline}. */
    public static QuiverException heapExhausted(String stage, Pipeline pipeline, OutOfMemoryError e) {
        return new QuiverException(
                ErrorCode.DATA,
                "The Java heap ran out in stage '" + stage + "' (" + e.getMessage()
                        + "). Give the JVM more heap with -Xmx, e.g. QUIVER_JAVA_OPTS=-Xmx4g"
                        + streamingAdvice(pipeline)
                        + ".",
                e);
    }

    /** Heap advice without a pipeline (prediction, or a failure outside any stage). */
    public static String heapAdvice(String detail) {
        return "The Java heap ran out (" + detail
                + "). Give the JVM more heap with -Xmx, e.g. QUIVER_JAVA_OPTS=-Xmx4g.";
    }

    /** What would make the pipeline stream that it does not do yet, or nothing when it streams already. */
    static String streamingAdvice(Pipeline pipeline) {
        List<String> steps = new ArrayList<>();
        if (!pipeline.data().split().isNone()) {
            steps.add("split: none (the splits are held in memory; with none the source is streamed)");
        }
        Map<String, Object> training = pipeline.model().trainingOptions();
        boolean shuffleAll = !Boolean.FALSE.equals(training.get("shuffle"))
                && (!(training.get("shuffleBuffer") instanceof Number n) || n.longValue() == 0);
        if (shuffleAll && !training.isEmpty()) {
            steps.add(
                    "training.shuffle: false or a bounded training.shuffleBuffer (shuffling all rows holds them all)");
        }
        if (steps.isEmpty()) {
            return "; the pipeline already streams its rows, so a smaller training.batchSize or model is the other way";
        }
        return ", or stream the data: " + String.join(" and ", steps);
    }

    private static String size(long bytes) {
        for (String unit : new String[] {"t", "g", "m", "k"}) {
            long scale =
                    switch (unit) {
                        case "t" -> 1L << 40;
                        case "g" -> 1L << 30;
                        case "m" -> 1L << 20;
                        default -> 1L << 10;
                    };
            if (bytes >= scale && bytes % scale == 0) {
                return bytes / scale + unit;
            }
        }
        return bytes + " bytes";
    }
}
