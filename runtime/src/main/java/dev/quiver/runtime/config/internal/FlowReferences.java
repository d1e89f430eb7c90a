package dev.quiver.runtime.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Lets an unquoted {@code ${VAR}} stand inside a flow collection ({@code {epochs: ${EPOCHS}}}), where YAML reads
 * its braces as a nested mapping and fails. Before parsing, each such reference is masked by a plain-scalar
 * placeholder of exactly its length ({@code $______}), so every line and column stays where it was; after
 * composing, {@link #restore} gives the scalar its source text back, which is then interpolated and typed like
 * any plain scalar. An environment value is never parsed as YAML: it only ever replaces text inside one scalar.
 *
 * <p>The pre-scan tracks what it must to know whether a <code>${</code> is in a flow collection and unquoted: quoted
 * scalars, comments, block scalars and flow brackets. What it cannot tell apart it leaves alone, and YAML's own
 * error then stands. One instance belongs to one document, on one thread.
 */
public final class FlowReferences {

    /** Code-point offsets {@code [start, end)} of each masked reference, in order. */
    private final List<int[]> masked;

    private final int[] original;
    private final String text;

    private FlowReferences(int[] original, String text, List<int[]> masked) {
        this.original = original;
        this.text = text;
        this.masked = masked;
    }

    /** The text to parse: {@code source} with every flow-context reference masked. */
    public String text() {
        return text;
    }

    public static FlowReferences mask(String source) {
        int[] cp = source.codePoints().toArray();
        int[] out = cp.clone();
        List<int[]> masked = new ArrayList<>();
        int depth = 0;
        int blockIndent = -1; // >= 0 while inside a block scalar whose parent line had this indentation
        int lineStart = 0;
        for (int i = 0; i < cp.length; i++) {
            if (i == lineStart) {
                int indent = indentation(cp, i);
                boolean blank = i + indent >= cp.length || cp[i + indent] == '\n' || cp[i + indent] == '\r';
                if (blockIndent >= 0 && (blank || indent > blockIndent)) {
                    i = lineEnd(cp, i) - 1; // block scalar content: nothing in it is YAML syntax
                    lineStart = i + 2;
                    continue;
                }
                blockIndent = -1;
            }
            int c = cp[i];
            if (c == '\n') {
                lineStart = i + 1;
            } else if (c == '#' && (i == lineStart || Character.isWhitespace(cp[i - 1]))) {
                i = lineEnd(cp, i) - 1;
            } else if ((c == '"' || c == '\'') && startsScalar(cp, i, lineStart, depth)) {
                i = closingQuote(cp, i);
            } else if ((c == '{' || c == '[') && (depth > 0 || startsScalar(cp, i, lineStart, depth))) {
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0) {
                depth--;
            } else if (depth == 0 && (c == '|' || c == '>') && startsScalar(cp, i, lineStart, depth)) {
                blockIndent = indentation(cp, lineStart);
                i = lineEnd(cp, i) - 1;
            } else if (depth > 0 && c == '$') {
                int end = referenceEnd(cp, i);
                if (end > 0) {
                    out[i] = '$';
                    for (int j = i + 1; j < end; j++) {
                        out[j] = '_';
                    }
                    masked.add(new int[] {i, end});
                    i = end - 1;
                }
            }
        }
        return new FlowReferences(cp, new String(out, 0, out.length), masked);
    }

    /**
     * The source text of a plain scalar that holds a masked reference; empty when it holds none.
     *
     * @throws IllegalArgumentException when the scalar spans lines, whose folding the source text does not show
     */
    public Optional<String> restore(ScalarNode node) {
        if (masked.isEmpty()
                || !node.isPlain()
                || node.getStartMark().isEmpty()
                || node.getEndMark().isEmpty()) {
            return Optional.empty();
        }
        Mark start = node.getStartMark().get();
        Mark end = node.getEndMark().get();
        boolean holds = masked.stream().anyMatch(m -> m[0] >= start.getIndex() && m[1] <= end.getIndex());
        if (!holds) {
            return Optional.empty();
        }
        if (start.getLine() != end.getLine()) {
            throw new IllegalArgumentException("a ${...} reference in a value that spans lines inside [...] or"
                    + " {...}; write the value on one line, or quote it: \"...${NAME}...\"");
        }
        return Optional.of(new String(original, start.getIndex(), end.getIndex() - start.getIndex()));
    }

    /** The end of a {@code ${...}} (or {@code $${...}}) starting at {@code i} on this line; -1 if none. */
    private static int referenceEnd(int[] cp, int i) {
        int j = i + 1;
        if (j < cp.length && cp[j] == '$') {
            j++;
        }
        if (j >= cp.length || cp[j] != '{') {
            return -1;
        }
        for (int k = j + 1; k < cp.length; k++) {
            if (cp[k] == '}') {
                return k + 1;
            }
            if (cp[k] == '{' || cp[k] == '\n' || cp[k] == '\r') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Whether position {@code i} begins a value, where a quote, bracket or block indicator is YAML syntax rather
     * than a character of a plain scalar: after an indicator ({@code :}, {@code -}, {@code ?}, and in flow
     * {@code ,} and the brackets), an anchor or a tag, or at the start of the line.
     */
    private static boolean startsScalar(int[] cp, int i, int lineStart, int depth) {
        int j = i - 1;
        while (j >= lineStart && (cp[j] == ' ' || cp[j] == '\t')) {
            j--;
        }
        if (j < lineStart) {
            return true;
        }
        int p = cp[j];
        if (p == ':' || p == '-' || p == '?') {
            // "-x" and "a:b" are plain text; only JSON-like flow ({"a":"b"}) may omit the space after a colon
            return j < i - 1 || (p == ':' && depth > 0);
        }
        if (depth > 0 && (p == ',' || p == '[' || p == '{')) {
            return true;
        }
        // an anchor (&a) or tag (!t) right before: find the start of that word
        int w = j;
        while (w >= lineStart && cp[w] != ' ' && cp[w] != '\t') {
            w--;
        }
        return w + 1 <= j
                && (cp[w + 1] == '&' || cp[w + 1] == '!')
                && w + 1 < i
                && startsScalar(cp, w + 1, lineStart, depth);
    }

    private static int closingQuote(int[] cp, int i) {
        int quote = cp[i];
        for (int k = i + 1; k < cp.length; k++) {
            if (quote == '"' && cp[k] == '\\') {
                k++;
            } else if (cp[k] == quote) {
                if (quote == '\'' && k + 1 < cp.length && cp[k + 1] == '\'') {
                    k++; // '' is an escaped quote
                } else {
                    return k;
                }
            }
        }
        return cp.length - 1;
    }

    private static int indentation(int[] cp, int lineStart) {
        int n = 0;
        while (lineStart + n < cp.length && cp[lineStart + n] == ' ') {
            n++;
        }
        return n;
    }

    private static int lineEnd(int[] cp, int i) {
        int k = i;
        while (k < cp.length && cp[k] != '\n') {
            k++;
        }
        return k;
    }
}
