package dev.quiver.runtime.config;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Location;
import dev.quiver.api.Problem;
import dev.quiver.api.QuiverException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every configuration problem of one load, so that the user sees all mistakes at once. Not
 * thread-safe: one loader fills it on one thread.
 */
public final class Problems {

    /** Command-line values first, in the order given (the sort is stable), then file order. */
    private static final Comparator<Problem> ORDER = (a, b) -> {
        boolean aLine = a.location().line() > 0;
        boolean bLine = b.location().line() > 0;
        if (!aLine || !bLine) {
            return Boolean.compare(aLine, bLine);
        }
        return Comparator.comparing((Problem p) -> p.location().file())
                .thenComparingInt(p -> p.location().line())
                .thenComparingInt(p -> p.location().column())
                .compare(a, b);
    };

    private final List<Problem> problems = new ArrayList<>();

    public void add(Location location, String message) {
        problems.add(new Problem(location, message));
    }

    public void add(Problem problem) {
        problems.add(problem);
    }

    /**
     * Takes over what a {@link QuiverException} says: its located problems, or else its message at
     * {@code where}. Non-configuration failures (a source's DATA error while planning, say) are reported as
     * configuration problems at {@code where} too: the pipeline, not the run, is what the user must fix.
     */
    public void add(QuiverException e, Location where) {
        if (e.problems().isEmpty() || e.code() != ErrorCode.CONFIG) {
            add(where, e.getMessage());
            return;
        }
        for (Problem p : e.problems()) {
            Location at = p.location();
            if (at.file().isEmpty() && at.line() <= 0) {
                // a plugin located it by key path alone (Location.unknown): place it at the component
                at = new Location(
                        where.file(),
                        where.line(),
                        where.column(),
                        at.keyPath().isEmpty() ? where.keyPath() : at.keyPath());
            }
            add(at, p.message());
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    /**
     * The problems so far, in file order, one per location: the first recorded is the cause, and what follows
     * at the same place is its echo (an unset {@code ${VAR}} leaves no value, so a required option is then
     * missing too).
     */
    public List<Problem> sorted() {
        Map<Location, Problem> first = new LinkedHashMap<>();
        problems.forEach(p -> first.putIfAbsent(p.location(), p));
        return first.values().stream().sorted(ORDER).toList();
    }

    /** Throws {@link QuiverException#config(List)} with every problem, when there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw QuiverException.config(sorted());
        }
    }
}
