package dev.quiver.runtime.bundle;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a model reference on the command line or in {@code Quiver.loadModel} names, resolved to one run folder:
 *
 * <ul>
 * <li>a run folder ({@code runs/iris/20261203T114500Z-3f9a1c}, or any folder {@code --out} wrote);</li>
 * <li>a {@link RunHistory} ({@code runs/iris}): the run its {@code LATEST} names, or its newest run when it has no
 * {@code LATEST};</li>
 * <li>a run id within a history, written as the history folder and the id, or a unique start of it, or its
 * six-character suffix ({@code runs/iris/20261203T1145}, {@code runs/iris/3f9a1c}), or {@code runs/iris/latest}.</li>
 * </ul>
 *
 * A reference that names none of these is a {@link ErrorCode#DATA} error saying what was looked for; one matching
 * several runs is a {@link ErrorCode#USAGE} error listing them. The folder found is not verified here (loading
 * does that). Stateless; any thread.
 *
 * @param run the run folder
 * @param history the history the run belongs to, when the reference went through one
 */
public record RunReference(Path run, Optional<Path> history) {

    /** Resolves {@code reference} as the class comment says. */
    public static RunReference resolve(Path reference) {
        Path ref = reference.toAbsolutePath().normalize();
        if (!Files.exists(ref)) {
            AtomicDirectory.recover(ref); // a crash mid-commit left the run beside its place: put it back
        }
        if (Files.isDirectory(ref)) {
            if (RunHistory.isHistory(ref)) {
                return new RunReference(current(ref), Optional.of(ref));
            }
            Path parent = ref.getParent();
            return new RunReference(
                    ref,
                    parent != null && RunId.isId(ref.getFileName().toString()) && RunHistory.isHistory(parent)
                            ? Optional.of(parent)
                            : Optional.empty());
        }
        Path parent = ref.getParent();
        if (parent != null && RunHistory.isHistory(parent)) {
            return new RunReference(byId(parent, ref.getFileName().toString()), Optional.of(parent));
        }
        throw new QuiverException(
                ErrorCode.DATA,
                "No run folder at " + ref + ": it does not exist"
                        + (parent != null && Files.isDirectory(parent)
                                ? ", and " + parent + " is not a run history (it has no " + RunHistory.LATEST
                                        + " and no run folders) in which to look for a run id '" + ref.getFileName()
                                        + "'"
                                : "")
                        + ". Pass a run folder, a run history (output.dir) or HISTORY/RUN_ID.");
    }

    /** The folder name {@code serve} and the tables show for this run: its history's name, else its own. */
    public String displayName() {
        return history.orElse(run).getFileName().toString();
    }

    /** The run {@code LATEST} names, else the newest complete run. */
    private static Path current(Path history) {
        Optional<String> text = LatestFile.text(history);
        if (text.isPresent()) {
            String id = text.get();
            if (!RunId.isId(id)) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        history.resolve(RunHistory.LATEST) + " holds '" + id + "', which is not a run id "
                                + "(like 20261203T114500Z-3f9a1c); write the id of one of " + describe(history) + ".");
            }
            if (!Files.isDirectory(history.resolve(id))) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        history.resolve(RunHistory.LATEST) + " names the run " + id + ", which is not in " + history
                                + " (deleted?); it has " + describe(history) + ".");
            }
            return history.resolve(id);
        }
        List<String> runs = RunHistory.runs(history);
        if (runs.isEmpty()) {
            throw new QuiverException(
                    ErrorCode.DATA, "The run history " + history + " has no finished run yet; run the pipeline first.");
        }
        return history.resolve(runs.get(runs.size() - 1));
    }

    /** The run of {@code history} that {@code name} names: "latest", a unique start of an id, or an id's suffix. */
    private static Path byId(Path history, String name) {
        if (name.toLowerCase(Locale.ROOT).equals("latest")) {
            return current(history);
        }
        List<String> ids = HistoryLayout.ids(history);
        List<String> matches = ids.stream()
                .filter(id -> !name.isEmpty() && (id.startsWith(name) || id.endsWith("-" + name)))
                .toList();
        if (matches.size() == 1) {
            return history.resolve(matches.get(0));
        }
        if (matches.isEmpty()) {
            throw new QuiverException(
                    ErrorCode.DATA,
                    "No run '" + name + "' in the run history " + history + " (looked for a run folder of that name, "
                            + "a run id starting with it, or ending in -" + name + "); it has " + describe(history)
                            + ". 'quiver runs " + history + "' lists them.");
        }
        throw new QuiverException(
                ErrorCode.USAGE,
                "'" + name + "' matches " + matches.size() + " runs in " + history + ": " + String.join(", ", matches)
                        + "; give more of the id.");
    }

    private static String describe(Path history) {
        List<String> ids = HistoryLayout.ids(history);
        if (ids.isEmpty()) {
            return "no runs";
        }
        if (ids.size() == 1) {
            return "one run, " + ids.get(0);
        }
        return ids.size() + " runs, from " + ids.get(0) + " to " + ids.get(ids.size() - 1);
    }
}
