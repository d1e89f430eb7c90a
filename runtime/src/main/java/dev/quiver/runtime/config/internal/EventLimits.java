package dev.quiver.runtime.config.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * A pass over the parser's events, before composing, that enforces nesting depth and the number of aliases to
 * collections with a location, and refuses recursive aliases ({@code a: &a [*a]}). SnakeYAML Engine's composer
 * recurses once per nesting level (so a deep enough document overflows the stack), its alias limit says neither
 * where nor why, and it composes a recursive alias into a cyclic graph that every later walk would follow
 * forever; this pass is cheap (no nodes are built) and answers all three. Stateless.
 */
public final class EventLimits {

    /** A violated limit, where the parser was when it was crossed, and the key path of the node there. */
    public record Violation(String message, Optional<Mark> mark, String keyPath) {}

    private EventLimits() {}

    public static Optional<Violation> check(String text, LoadSettings settings, int maxDepth, int maxAliases) {
        Set<String> collectionAnchors = new HashSet<>();
        // The anchors of the collections still open, innermost last (null for one without an anchor), and for
        // each anchor name whether its latest definition is one of them: an alias to it would be its own part.
        Deque<String> openAnchors = new ArrayDeque<>();
        Map<String, Boolean> definedOpen = new HashMap<>();
        int depth = 0;
        int aliases = 0;
        EventPath paths = new EventPath();
        for (Event event : new Parse(settings).parseString(text)) {
            String path = paths.path(event);
            paths.advance(event);
            if (event instanceof CollectionStartEvent start) {
                depth++;
                if (depth > maxDepth) {
                    return Optional.of(new Violation(
                            "lists and mappings are nested more than " + maxDepth
                                    + " levels deep; a pipeline never needs that many",
                            event.getStartMark(),
                            path));
                }
                String anchor = start.getAnchor().map(a -> a.getValue()).orElse(null);
                openAnchors.addLast(anchor == null ? "" : anchor);
                if (anchor != null) {
                    collectionAnchors.add(anchor);
                    definedOpen.put(anchor, true);
                }
            } else if (event.getEventId() == Event.ID.MappingEnd || event.getEventId() == Event.ID.SequenceEnd) {
                depth--;
                String closed = openAnchors.pollLast();
                if (closed != null && !closed.isEmpty()) {
                    definedOpen.put(closed, false);
                }
            } else if (event instanceof ScalarEvent scalar) {
                scalar.getAnchor().ifPresent(a -> {
                    collectionAnchors.remove(a.getValue());
                    definedOpen.put(a.getValue(), false);
                });
            } else if (event instanceof AliasEvent alias
                    && definedOpen.getOrDefault(alias.getAlias().getValue(), false)) {
                String name = alias.getAlias().getValue();
                return Optional.of(new Violation(
                        "the alias *" + name + " is inside the list or mapping &" + name
                                + " it repeats, so that value would contain itself without end; a recursive alias is not"
                                + " allowed (write the value out, or anchor a part that does not contain the alias)",
                        event.getStartMark(),
                        path));
            } else if (event instanceof AliasEvent alias
                    && collectionAnchors.contains(alias.getAlias().getValue())) {
                aliases++;
                if (aliases > maxAliases) {
                    return Optional.of(new Violation(
                            "more than " + maxAliases + " aliases to lists or mappings;"
                                    + " aliases that repeat collections can make a small file expand without bound"
                                    + " (a 'billion laughs' attack), so Quiver refuses them",
                            event.getStartMark(),
                            path));
                }
            }
        }
        return Optional.empty();
    }
}
