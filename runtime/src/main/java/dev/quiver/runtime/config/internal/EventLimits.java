package dev.quiver.runtime.config.internal;

import java.util.HashSet;
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
 * collections with a location. SnakeYAML Engine's composer recurses once per nesting level (so a deep enough
 * document overflows the stack) and its alias limit says neither where nor why; this pass is cheap (no nodes
 * are built) and answers both. Stateless.
 */
public final class EventLimits {

    /** A violated limit and where the parser was when it was crossed. */
    public record Violation(String message, Optional<Mark> mark) {
    }

    private EventLimits() {
    }

    public static Optional<Violation> check(String text, LoadSettings settings, int maxDepth, int maxAliases) {
        Set<String> collectionAnchors = new HashSet<>();
        int depth = 0;
        int aliases = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            if (event instanceof CollectionStartEvent start) {
                depth++;
                if (depth > maxDepth) {
                    return Optional.of(new Violation("lists and mappings are nested more than " + maxDepth
                            + " levels deep; a pipeline never needs that many", event.getStartMark()));
                }
                start.getAnchor().ifPresent(a -> collectionAnchors.add(a.getValue()));
            } else if (event.getEventId() == Event.ID.MappingEnd || event.getEventId() == Event.ID.SequenceEnd) {
                depth--;
            } else if (event instanceof ScalarEvent scalar) {
                scalar.getAnchor().ifPresent(a -> collectionAnchors.remove(a.getValue()));
            } else if (event instanceof AliasEvent alias && collectionAnchors.contains(alias.getAlias().getValue())) {
                aliases++;
                if (aliases > maxAliases) {
                    return Optional.of(new Violation("more than " + maxAliases + " aliases to lists or mappings;"
                            + " aliases that repeat collections can make a small file expand without bound"
                            + " (a 'billion laughs' attack), so Quiver refuses them", event.getStartMark()));
                }
            }
        }
        return Optional.empty();
    }
}
