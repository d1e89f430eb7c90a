package dev.quiver.runtime.config.internal;

import dev.quiver.api.Location;
import dev.quiver.runtime.config.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.constructor.core.ConstructYamlCoreBool;
import org.snakeyaml.engine.v2.constructor.core.ConstructYamlCoreFloat;
import org.snakeyaml.engine.v2.constructor.core.ConstructYamlCoreInt;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Turns a composed SnakeYAML node graph into a located {@link ConfigNode} tree, enforcing what composing does
 * not: only the standard tags (no {@code !!python/object}, no {@code !local} tags), no duplicate keys, string
 * keys only, a bound on how far aliases may expand the document; and replacing {@code ${VAR}} references.
 *
 * <p>Problems are reported to a sink and the offending value becomes null, so that conversion goes on and every
 * problem is found in one pass. Exceeding the expansion bound aborts with {@link TooBig}. One instance
 * converts one document on one thread.
 */
public final class NodeConverter {

    /** Thrown when the document expands past the node limit; the problem has been reported already. */
    public static final class TooBig extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooBig() {
            super(null, null, false, false);
        }
    }

    /** Where converted problems go. */
    public interface Sink {
        void problem(Location location, String message);
    }

    private static final Set<Tag> ALLOWED = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);
    private static final Map<Tag, ConstructNode> SCALARS = Map.of(
            Tag.INT, new ConstructYamlCoreInt(),
            Tag.FLOAT, new ConstructYamlCoreFloat(),
            Tag.BOOL, new ConstructYamlCoreBool());

    private final String file;
    private final boolean withLines;
    private final Map<String, String> env;
    private final FlowReferences references;
    private final ScalarResolver resolver;
    private final Sink sink;
    private final int maxNodes;
    private int nodes;

    /**
     * @param file how locations name the file
     * @param withLines false for values from the command line, whose marks mean nothing to the user
     * @param env variables for {@code ${VAR}}; null to leave references alone
     * @param resolver how plain scalars are typed (re-applied after a reference is replaced)
     */
    public NodeConverter(
            String file, boolean withLines, Map<String, String> env, ScalarResolver resolver, Sink sink, int maxNodes) {
        this(file, withLines, env, null, resolver, sink, maxNodes);
    }

    /**
     * @param references the {@code ${VAR}} references masked in flow collections before parsing (restored
     *     here); null when nothing was masked
     */
    public NodeConverter(
            String file,
            boolean withLines,
            Map<String, String> env,
            FlowReferences references,
            ScalarResolver resolver,
            Sink sink,
            int maxNodes) {
        this.references = references;
        this.file = file;
        this.withLines = withLines;
        this.env = env;
        this.resolver = resolver;
        this.sink = sink;
        this.maxNodes = maxNodes;
    }

    public ConfigNode convert(Node node, String path) {
        Location where = location(node, path);
        if (++nodes > maxNodes) {
            sink.problem(
                    where,
                    "the document expands to more than " + maxNodes + " values through aliases;"
                            + " Quiver refuses it (a 'billion laughs' attack looks like this)");
            throw new TooBig();
        }
        if (!ALLOWED.contains(node.getTag()) && !isReference(node)) {
            sink.problem(
                    where,
                    "the tag '" + shortTag(node.getTag()) + "' is not allowed: pipeline files hold plain"
                            + " values only (strings, numbers, booleans, lists and mappings), never typed objects");
            return new ConfigNode.Scalar(null, where);
        }
        if (node instanceof ScalarNode scalar) {
            return new ConfigNode.Scalar(scalar(scalar, where), where);
        }
        if (node instanceof SequenceNode sequence) {
            List<ConfigNode> items = new ArrayList<>(sequence.getValue().size());
            for (int i = 0; i < sequence.getValue().size(); i++) {
                items.add(convert(sequence.getValue().get(i), path + "[" + i + "]"));
            }
            return new ConfigNode.Sequence(items, where);
        }
        return mapping((MappingNode) node, path, where);
    }

    private ConfigNode mapping(MappingNode node, String path, Location where) {
        Map<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || !ALLOWED.contains(keyNode.getTag())) {
                sink.problem(
                        location(keyNode, path),
                        "keys must be plain words, not "
                                + (keyNode instanceof ScalarNode ? "tagged values" : "lists or mappings"));
                continue;
            }
            String name = key.getValue();
            String childPath = path.isEmpty() ? name : path + "." + name;
            Location keyWhere = location(keyNode, childPath);
            ConfigNode.Entry first = entries.get(name);
            if (first != null) {
                sink.problem(
                        keyWhere,
                        "duplicate key '" + name + "': it is also written at "
                                + first.keyLocation().position() + "; remove one of them");
                continue;
            }
            entries.put(name, new ConfigNode.Entry(keyWhere, convert(tuple.getValueNode(), childPath)));
        }
        return new ConfigNode.Mapping(entries, where);
    }

    /**
     * SnakeYAML Engine's core schema tags a plain scalar that is exactly {@code ${...}} as {@code !ENV_VARIABLE};
     * it is a string for us, replaced below like any other reference.
     */
    private static boolean isReference(Node node) {
        return node instanceof ScalarNode s && s.isPlain() && node.getTag().equals(Tag.ENV_TAG);
    }

    private Object scalar(ScalarNode node, Location where) {
        Tag tag = isReference(node) ? Tag.STR : node.getTag();
        String text = node.getValue();
        if (references != null && env != null) {
            try {
                Optional<String> source = references.restore(node);
                if (source.isPresent()) {
                    text = source.get();
                    tag = Tag.STR; // typed below by what it becomes, as a block-style ${VAR} is
                }
            } catch (IllegalArgumentException e) {
                sink.problem(where, e.getMessage());
                return null;
            }
        }
        if (env != null && tag.equals(Tag.STR) && Interpolation.mentions(text)) {
            try {
                text = Interpolation.apply(text, env);
            } catch (IllegalArgumentException e) {
                sink.problem(where, e.getMessage());
                return null;
            }
            if (!node.isPlain()) {
                return text;
            }
            // A plain ${EPOCHS:-10} is typed by what it becomes, exactly as if the value had been written there.
            tag = resolver.resolve(text, true);
        }
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        ConstructNode constructor = SCALARS.get(tag);
        if (constructor == null) {
            return text;
        }
        try {
            return constructor.construct(new ScalarNode(tag, text, ScalarStyle.PLAIN));
        } catch (RuntimeException e) {
            sink.problem(where, "'" + text + "' is not a valid " + shortTag(tag));
            return null;
        }
    }

    private Location location(Node node, String path) {
        if (!withLines || node.getStartMark().isEmpty()) {
            return new Location(file, 0, 0, path);
        }
        Mark mark = node.getStartMark().get();
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1, path);
    }

    /** {@code !!int} for standard tags, the tag as written otherwise. */
    static String shortTag(Tag tag) {
        String value = tag.getValue();
        return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }
}
