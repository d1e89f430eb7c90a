package dev.quiver.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Problem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeYamlTest {

    private final Problems problems = new Problems();

    private Optional<ConfigNode.Mapping> parse(String text) {
        return SafeYaml.parse(text, "p.yaml", Map.of(), problems);
    }

    private Optional<ConfigNode.Mapping> parse(String text, Map<String, String> env) {
        return SafeYaml.parse(text, "p.yaml", env, problems);
    }

    private String onlyProblem() {
        List<Problem> list = problems.sorted();
        assertEquals(1, list.size(), () -> "expected one problem, got " + list);
        return list.get(0).toString();
    }

    private static ConfigNode at(ConfigNode.Mapping root, String... keys) {
        ConfigNode node = root;
        for (String k : keys) {
            node = ((ConfigNode.Mapping) node).get(k).orElseThrow();
        }
        return node;
    }

    @Test
    void valuesKeepOneBasedLinesColumnsAndKeyPaths() {
        ConfigNode.Mapping root = parse("""
                name: demo
                training:
                  optimizer: {type: sgd, lr: 0.1}
                evaluate: [mse, r2]
                """).orElseThrow();
        ConfigNode lr = at(root, "training", "optimizer", "lr");
        assertEquals(0.1, ((ConfigNode.Scalar) lr).value());
        assertEquals(3, lr.location().line());
        assertEquals(30, lr.location().column());
        assertEquals("training.optimizer.lr", lr.location().keyPath());
        ConfigNode.Sequence evaluate = (ConfigNode.Sequence) at(root, "evaluate");
        assertEquals("evaluate[1]", evaluate.items().get(1).location().keyPath());
        assertEquals("p.yaml:4:17", evaluate.items().get(1).location().position());
        assertTrue(problems.isEmpty());
    }

    @Test
    void scalarsFollowTheYaml12CoreSchema() {
        ConfigNode.Mapping root = parse("""
                a: 42
                b: 12345678901
                c: 123456789012345678901234567890
                d: 1e-3
                e: true
                f: ~
                g: yes
                h: "42"
                """).orElseThrow();
        assertEquals(42, ((ConfigNode.Scalar) at(root, "a")).value());
        assertEquals(12345678901L, ((ConfigNode.Scalar) at(root, "b")).value());
        assertInstanceOf(BigInteger.class, ((ConfigNode.Scalar) at(root, "c")).value());
        assertEquals(1e-3, ((ConfigNode.Scalar) at(root, "d")).value());
        assertEquals(true, ((ConfigNode.Scalar) at(root, "e")).value());
        assertNull(((ConfigNode.Scalar) at(root, "f")).value());
        assertEquals("yes", ((ConfigNode.Scalar) at(root, "g")).value(), "YAML 1.2: 'yes' is a string");
        assertEquals("42", ((ConfigNode.Scalar) at(root, "h")).value());
    }

    @Test
    void duplicateKeysAreRejectedWithBothLocations() {
        parse("""
                model: {type: mean}
                seed: 1
                model: {type: majority}
                """);
        String message = onlyProblem();
        assertTrue(message.startsWith("p.yaml:3:1: duplicate key 'model'"), message);
        assertTrue(message.contains("p.yaml:1:1"), message);
    }

    @Test
    void nestedDuplicateKeysAreRejectedToo() {
        parse("training:\n  epochs: 1\n  epochs: 2\n");
        String message = onlyProblem();
        assertTrue(message.startsWith("p.yaml:3:3: duplicate key 'epochs'"), message);
        assertTrue(message.endsWith("[training.epochs]"), message);
    }

    @Test
    void globalTagsAreRejectedWhereTheyAreWritten() {
        parse("""
                name: x
                source: !!python/object/apply:os.system ["rm -rf /"]
                """);
        String message = onlyProblem();
        assertTrue(message.startsWith("p.yaml:2:9: the tag '!!python/object/apply:os.system' is not allowed"), message);
    }

    @Test
    void localAndSetTagsAreRejected() {
        parse("a: !foo bar\nb: !!set {x, y}\nc: !!binary aGk=\n");
        List<String> messages =
                problems.sorted().stream().map(Problem::toString).toList();
        assertEquals(3, messages.size(), messages::toString);
        assertTrue(messages.get(0).contains("p.yaml:1:4: the tag '!foo'"), messages::toString);
        assertTrue(messages.get(1).contains("p.yaml:2:4: the tag '!!set'"), messages::toString);
        assertTrue(messages.get(2).contains("p.yaml:3:4: the tag '!!binary'"), messages::toString);
    }

    @Test
    void standardTagsAreAllowed() {
        ConfigNode.Mapping root =
                parse("a: !!str 12\nb: !!int '7'\nc: !!float 1\n").orElseThrow();
        assertEquals("12", ((ConfigNode.Scalar) at(root, "a")).value());
        assertEquals(7, ((ConfigNode.Scalar) at(root, "b")).value());
        assertEquals(1.0, ((ConfigNode.Scalar) at(root, "c")).value());
        assertTrue(problems.isEmpty(), problems.sorted()::toString);
    }

    @Test
    void aStandardTagOnAWrongValueIsAProblem() {
        parse("epochs: !!int lots\n");
        assertTrue(onlyProblem().startsWith("p.yaml:1:9: 'lots' is not a valid !!int"), onlyProblem());
    }

    @Test
    void billionLaughsIsRejected() {
        StringBuilder yaml =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            yaml.append("]\n");
        }
        assertTrue(parse(yaml.toString()).isEmpty());
        String message = onlyProblem();
        assertTrue(message.contains("more than 50 aliases"), message);
        assertTrue(message.contains("billion laughs"), message);
        assertTrue(message.startsWith("p.yaml:7:"), message);
    }

    @Test
    void fewAliasesThatStillExpandTooFarAreRejected() {
        // 40 aliases, under the alias limit, but 2^20 values once expanded
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 20; i++) {
            yaml.append("l")
                    .append(i)
                    .append(": &l")
                    .append(i)
                    .append(" [*l")
                    .append(i - 1)
                    .append(", *l")
                    .append(i - 1)
                    .append("]\n");
        }
        assertTrue(parse(yaml.toString()).isEmpty());
        assertTrue(onlyProblem().contains("expands to more than 100000 values"), onlyProblem());
    }

    @Test
    void aliasesForReuseStillWork() {
        ConfigNode.Mapping root = parse("""
                base: &opt {type: sgd, lr: 0.1}
                training: {optimizer: *opt}
                """).orElseThrow();
        ConfigNode lr = at(root, "training", "optimizer", "lr");
        assertEquals(0.1, ((ConfigNode.Scalar) lr).value());
        assertEquals("training.optimizer.lr", lr.location().keyPath());
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertTrue(parse(deep).isEmpty());
        assertTrue(onlyProblem().contains("nested more than 64 levels"), onlyProblem());
    }

    @Test
    void oversizedFilesAreRejectedBeforeParsing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, "a: \"" + "x".repeat(SafeYaml.MAX_BYTES) + "\"\n");
        assertTrue(SafeYaml.read(file, "big.yaml", Map.of(), problems).isEmpty());
        assertTrue(onlyProblem().contains("pipeline files are limited to"), onlyProblem());
    }

    @Test
    void syntaxErrorsAreLocated() {
        parse("name: demo\nsource: {type: csv\nmodel: x\n");
        String message = onlyProblem();
        assertTrue(message.startsWith("p.yaml:3:"), message);
        assertTrue(message.contains("invalid YAML"), message);
    }

    @Test
    void aMissingFileIsAProblem(@TempDir Path dir) {
        assertTrue(SafeYaml.read(dir.resolve("nope.yaml"), "nope.yaml", Map.of(), problems)
                .isEmpty());
        assertEquals("nope.yaml: pipeline file not found", onlyProblem());
    }

    @Test
    void theTopLevelMustBeAMapping() {
        assertTrue(parse("- a\n- b\n").isEmpty());
        assertTrue(onlyProblem().contains("must be a mapping"), onlyProblem());
    }

    @Test
    void variablesAreReplacedAndPlainOnesRetyped() {
        ConfigNode.Mapping root =
                parse("""
                path: ${DATA_DIR}/houses.csv
                epochs: ${EPOCHS:-10}
                quoted: "${EPOCHS:-10}"
                lr: ${LR:-0.5}
                literal: cost is $${PRICE}
                """, Map.of("DATA_DIR", "/data", "LR", "")).orElseThrow();
        assertEquals("/data/houses.csv", ((ConfigNode.Scalar) at(root, "path")).value());
        assertEquals(10, ((ConfigNode.Scalar) at(root, "epochs")).value());
        assertEquals("10", ((ConfigNode.Scalar) at(root, "quoted")).value());
        assertEquals(0.5, ((ConfigNode.Scalar) at(root, "lr")).value(), "an empty variable takes the default");
        assertEquals("cost is ${PRICE}", ((ConfigNode.Scalar) at(root, "literal")).value());
        assertTrue(problems.isEmpty(), problems.sorted()::toString);
    }

    @Test
    void anUnsetVariableWithoutDefaultIsALocatedProblem() {
        parse("name: x\nsource: {type: table, path: \"${DATA}/t.csv\"}\n", Map.of());
        String message = onlyProblem();
        assertTrue(message.startsWith("p.yaml:2:29: environment variable 'DATA' is not set"), message);
        assertTrue(message.endsWith("[source.path]"), message);
    }

    @Test
    void aMalformedReferenceIsAProblem() {
        parse("name: \"${1abc}\"\n", Map.of());
        assertTrue(onlyProblem().startsWith("p.yaml:1:7: '${' must start a variable reference"), onlyProblem());
    }

    @Test
    void aRecursiveAliasIsALocatedProblemNotAStackOverflow() {
        assertTrue(parse("name: x\na: &a [*a]\n").isEmpty());
        assertTrue(onlyProblem().startsWith("p.yaml:2:8: "), onlyProblem());
        assertTrue(onlyProblem().contains("recursive alias") && onlyProblem().endsWith("[a[0]]"), onlyProblem());
        Problems again = new Problems();
        assertTrue(SafeYaml.parse("b: &b {x: [1, {y: *b}]}\n", "p.yaml", Map.of(), again)
                .isEmpty());
        assertTrue(
                again.sorted().get(0).toString().startsWith("p.yaml:1:19: "),
                again.sorted().toString());
        assertTrue(
                again.sorted().get(0).toString().endsWith("[b.x[1].y]"),
                again.sorted().toString());
    }

    @Test
    void anAliasToAnAnchorRedefinedInsideItsCollectionIsNoRecursion() {
        ConfigNode.Mapping root = parse("a: &a [&a 1, *a]\n").orElseThrow();
        assertEquals(List.of(1, 1), at(root, "a").plain());
    }

    @Test
    void referencesInFlowCollectionsAreReplacedAndTypedLikeBlockOnes() {
        ConfigNode.Mapping root =
                parse("""
                source: {type: csv, path: data/${DIR}/rows.csv}   # a {comment} with ${NOPE}
                training: {epochs: ${EPOCHS}, lr: ${LR:-0.1}, name: "${EPOCHS}", tag: 'x ${EPOCHS}'}
                evaluate: [${METRIC}, r2]
                literal: $${EPOCHS}
                """, Map.of("DIR", "d", "EPOCHS", "10", "METRIC", "mse")).orElseThrow();
        assertTrue(problems.isEmpty(), problems.sorted().toString());
        assertEquals("data/d/rows.csv", ((ConfigNode.Scalar) at(root, "source", "path")).value());
        assertEquals(10, ((ConfigNode.Scalar) at(root, "training", "epochs")).value());
        assertEquals(0.1, ((ConfigNode.Scalar) at(root, "training", "lr")).value());
        assertEquals("10", ((ConfigNode.Scalar) at(root, "training", "name")).value(), "quoted stays text");
        assertEquals("x 10", ((ConfigNode.Scalar) at(root, "training", "tag")).value());
        assertEquals(List.of("mse", "r2"), at(root, "evaluate").plain());
        assertEquals("${EPOCHS}", ((ConfigNode.Scalar) at(root, "literal")).value());
        ConfigNode epochs = at(root, "training", "epochs");
        assertEquals("p.yaml:2:20", epochs.location().position(), "columns are those of the file as written");
        assertEquals("p.yaml:2:53", at(root, "training", "name").location().position());
    }

    @Test
    void anEnvironmentValueInAFlowCollectionIsNeverReadAsYaml() {
        ConfigNode.Mapping root = parse("training: {epochs: ${EPOCHS}}\n", Map.of("EPOCHS", "1, evil: {x: 1}}"))
                .orElseThrow();
        ConfigNode.Mapping training = (ConfigNode.Mapping) at(root, "training");
        assertEquals(List.of("epochs"), List.copyOf(training.entries().keySet()));
        assertEquals("1, evil: {x: 1}}", ((ConfigNode.Scalar) at(root, "training", "epochs")).value());
    }

    @Test
    void anUnsetVariableInAFlowCollectionIsLocatedAtItsValue() {
        parse("name: x\ntraining: {epochs: ${NOPE}}\n");
        assertTrue(onlyProblem().startsWith("p.yaml:2:20: "), onlyProblem());
        assertTrue(
                onlyProblem().contains("'NOPE' is not set") && onlyProblem().contains("[training.epochs]"),
                onlyProblem());
    }

    @Test
    void braceAndQuoteCharactersInBlockScalarsAndPlainTextDoNotConfuseTheMasking() {
        ConfigNode.Mapping root = parse("""
                notes: |
                  a block { with [ brackets and it's quotes
                  { more
                owner: it's {x}
                training: {epochs: ${EPOCHS}}
                """, Map.of("EPOCHS", "3")).orElseThrow();
        assertTrue(problems.isEmpty(), problems.sorted().toString());
        assertEquals(
                "a block { with [ brackets and it's quotes\n{ more\n", ((ConfigNode.Scalar) at(root, "notes")).value());
        assertEquals("it's {x}", ((ConfigNode.Scalar) at(root, "owner")).value());
        assertEquals(3, ((ConfigNode.Scalar) at(root, "training", "epochs")).value());
    }

    @Test
    void aReferenceInAFlowValueSpanningLinesSaysToQuoteIt() {
        parse("training: {name: a\n  ${EPOCHS} b}\n", Map.of("EPOCHS", "3"));
        assertTrue(onlyProblem().contains("quote it"), onlyProblem());
    }
}
