package dev.quiver.runtime.config.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;

/**
 * The key path ({@code training.optimizer.lr}, {@code transforms[2]}) of the node each parser event belongs to,
 * so that a problem found in the event stream names where in the document it is, as converted nodes do. Feed
 * it every event in order; one instance per pass, on one thread.
 */
final class EventPath {

    private static final class Frame {
        final boolean mapping;
        final String path;
        boolean expectKey = true;
        String key = "";
        int index;

        Frame(boolean mapping, String path) {
            this.mapping = mapping;
            this.path = path;
        }

        String child() {
            if (!mapping) {
                return path + "[" + index + "]";
            }
            return expectKey ? path : path.isEmpty() ? key : path + "." + key;
        }
    }

    private final Deque<Frame> open = new ArrayDeque<>();

    /** The key path of the node that {@code event} starts (or, for an end event, of the collection it ends). */
    String path(Event event) {
        if (event.getEventId() == Event.ID.MappingEnd || event.getEventId() == Event.ID.SequenceEnd) {
            return open.isEmpty() ? "" : open.peekLast().path;
        }
        return open.isEmpty() ? "" : open.peekLast().child();
    }

    /** Records {@code event}; call after {@link #path} for the same event. */
    void advance(Event event) {
        if (event instanceof MappingStartEvent || event instanceof SequenceStartEvent) {
            open.addLast(new Frame(event instanceof MappingStartEvent, path(event)));
        } else if (event.getEventId() == Event.ID.MappingEnd || event.getEventId() == Event.ID.SequenceEnd) {
            open.pollLast();
            completed(null);
        } else if (event instanceof ScalarEvent scalar) {
            completed(scalar.getValue());
        } else if (event instanceof AliasEvent alias) {
            completed("*" + alias.getAlias().getValue());
        }
    }

    /** A node ended inside the innermost open collection: a key, a value or an item. */
    private void completed(String text) {
        Frame parent = open.peekLast();
        if (parent == null) {
            return;
        }
        if (!parent.mapping) {
            parent.index++;
        } else if (parent.expectKey) {
            parent.key = text == null ? "?" : text;
            parent.expectKey = false;
        } else {
            parent.expectKey = true;
        }
    }
}
