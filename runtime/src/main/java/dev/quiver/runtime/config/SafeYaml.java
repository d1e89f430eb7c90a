package dev.quiver.runtime.config;

import dev.quiver.api.Location;
import dev.quiver.runtime.config.internal.EventLimits;
import dev.quiver.runtime.config.internal.FlowReferences;
import dev.quiver.runtime.config.internal.NodeConverter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads pipeline YAML safely into a located {@link ConfigNode} tree (SnakeYAML Engine, YAML 1.2 core schema).
 *
 * <p>Safe means: nothing but plain values (any tag beyond the standard scalar, list and mapping tags is an
 * error), duplicate keys rejected with both locations, and bounds on file size ({@value #MAX_BYTES} bytes),
 * nesting ({@value #MAX_DEPTH} levels), aliases to collections ({@value #MAX_ALIASES}) and the values the
 * document expands to ({@value #MAX_NODES}), so that a hostile file is refused before it costs time or memory.
 * {@code ${VAR}} and {@code ${VAR:-default}} in scalars are replaced from the given environment, also unquoted
 * inside flow collections ({@code {epochs: ${EPOCHS}}}), and a plain one is typed by its value.
 *
 * <p>Every problem is recorded in the given {@link Problems}; the result is empty when no document could be
 * made. Stateless and thread-safe.
 */
public final class SafeYaml {

    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_ALIASES = 50;
    public static final int MAX_NODES = 100_000;

    private SafeYaml() {}

    /**
     * Reads the pipeline file {@code file}; locations name it as {@code displayName} (the path the user gave).
     * The top level must be a mapping.
     */
    public static Optional<ConfigNode.Mapping> read(
            Path file, String displayName, Map<String, String> env, Problems problems) {
        Location whole = new Location(displayName, 0, 0, "");
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(
                        whole,
                        "the file has " + size + " bytes; pipeline files are limited to " + MAX_BYTES
                                + " bytes (put data in a data file, not in the pipeline)");
                return Optional.empty();
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            problems.add(whole, "pipeline file not found");
            return Optional.empty();
        } catch (CharacterCodingException e) {
            problems.add(whole, "the file is not valid UTF-8 text");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(whole, "cannot read the pipeline file: " + e.getMessage());
            return Optional.empty();
        }
        return parse(text, displayName, env, problems);
    }

    /** As {@link #read}, from text already in memory. */
    public static Optional<ConfigNode.Mapping> parse(
            String text, String fileName, Map<String, String> env, Problems problems) {
        Optional<ConfigNode> root = compose(text, fileName, true, env, "", problems);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        if (root.get() instanceof ConfigNode.Mapping mapping) {
            return Optional.of(mapping);
        }
        problems.add(
                root.get().location(),
                "a pipeline file must be a mapping of keys (version, name, source,"
                        + " model, ...), but this one holds " + root.get().describe());
        return Optional.empty();
    }

    /**
     * Parses a command-line value ({@code --set key=VALUE}) as one YAML value: a scalar ({@code 0.1},
     * {@code true}, {@code sgd}) or a flow collection ({@code [mse, r2]}, <code>{type: sgd, lr: 0.1}</code>).
     * An empty text is null. Locations name {@code label} and have no line. No {@code ${VAR}} replacement: the
     * shell has done that already.
     */
    public static Optional<ConfigNode> parseValue(String text, String label, String path, Problems problems) {
        if (text.isBlank()) {
            return Optional.of(new ConfigNode.Scalar(null, new Location(label, 0, 0, path)));
        }
        return compose(text, label, false, null, path, problems);
    }

    private static Optional<ConfigNode> compose(
            String text, String fileName, boolean withLines, Map<String, String> env, String path, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                .setSchema(new CoreSchema())
                .setCodePointLimit(MAX_BYTES)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setAllowDuplicateKeys(true) // checked by NodeConverter, which reports both locations
                .build();
        Location whole = new Location(fileName, 0, 0, path);
        // {epochs: ${EPOCHS}}: masked so that YAML does not read the braces as a mapping; restored when converting
        FlowReferences references = env == null ? null : FlowReferences.mask(text);
        String yaml = references == null ? text : references.text();
        try {
            Optional<EventLimits.Violation> violation = EventLimits.check(yaml, settings, MAX_DEPTH, MAX_ALIASES);
            if (violation.isPresent()) {
                String where = violation.get().keyPath().isEmpty()
                        ? path
                        : violation.get().keyPath();
                problems.add(
                        at(fileName, withLines, violation.get().mark(), where),
                        violation.get().message());
                return Optional.empty();
            }
            Optional<Node> node = new Compose(settings).composeString(yaml);
            if (node.isEmpty()) {
                problems.add(whole, withLines ? "the pipeline file is empty" : "no value given");
                return Optional.empty();
            }
            NodeConverter converter = new NodeConverter(
                    fileName,
                    withLines,
                    env,
                    references,
                    settings.getSchema().getScalarResolver(),
                    problems::add,
                    MAX_NODES);
            return Optional.of(converter.convert(node.get(), path));
        } catch (NodeConverter.TooBig e) {
            return Optional.empty();
        } catch (MarkedYamlEngineException e) {
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            problems.add(
                    at(fileName, withLines, e.getProblemMark(), path), "invalid YAML: " + e.getProblem() + context);
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(whole, "invalid YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Location at(String fileName, boolean withLines, Optional<Mark> mark, String path) {
        if (!withLines || mark.isEmpty()) {
            return new Location(fileName, 0, 0, path);
        }
        return new Location(fileName, mark.get().getLine() + 1, mark.get().getColumn() + 1, path);
    }
}
