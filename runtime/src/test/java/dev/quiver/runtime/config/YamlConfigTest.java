package dev.quiver.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Problem;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlConfigTest {

    private static final Option<Double> LR = Option.real("lr", 0.01).above(0);
    private static final Option<Integer> EPOCHS = Option.integer("epochs", 10).atLeast(1);
    private static final Option<String> MODE = Option.choice("mode", "fast", "fast", "exact");
    private static final Option<List<Double>> BETAS = Option.reals("betas", List.of(0.9, 0.999));
    private static final Option<String> PATH = Option.string("path", null).required();
    private static final Option<Config> INNER = Option.section("inner");

    private final Problems problems = new Problems();

    private YamlConfig config(String yaml) {
        return new YamlConfig(SafeYaml.parse(yaml, "p.yaml", Map.of(), problems).orElseThrow(), "", problems);
    }

    private List<String> messages() {
        return problems.sorted().stream().map(Problem::toString).toList();
    }

    @Test
    void readsTypedValuesAndDefaults() {
        YamlConfig c = config("lr: 1\nbetas: [0.5, 0.6]\nmode: exact\n");
        assertEquals(1.0, c.get(LR));
        assertEquals(List.of(0.5, 0.6), c.get(BETAS));
        assertEquals("exact", c.get(MODE));
        assertEquals(10, c.get(EPOCHS));
        assertTrue(problems.isEmpty());
    }

    @Test
    void wrongValuesAreLocatedProblemsAndTheDefaultIsUsed() {
        YamlConfig c = config("lr: fast\nepochs: 0\nmode: exakt\n");
        assertEquals(0.01, c.get(LR));
        assertEquals(10, c.get(EPOCHS));
        assertEquals("fast", c.get(MODE));
        List<String> m = messages();
        assertEquals("p.yaml:1:5: expected a number, got 'fast' [lr]", m.get(0));
        assertEquals("p.yaml:2:9: must be >= 1, got 0 [epochs]", m.get(1));
        assertTrue(
                m.get(2).startsWith("p.yaml:3:7: 'exakt' is not one of [fast, exact]; did you mean 'exact'?"),
                m.get(2));
    }

    @Test
    void aMissingRequiredOptionIsRecordedAndThrown() {
        YamlConfig c = config("lr: 0.1\n");
        QuiverException e = assertThrows(QuiverException.class, () -> c.get(PATH));
        assertTrue(e.getMessage().contains("missing required option 'path'"), e.getMessage());
        assertEquals(1, problems.size());
    }

    @Test
    void sectionsAreNestedConfigsWithTheirOwnPaths() {
        YamlConfig c = config("inner:\n  lr: -1\n");
        Config inner = c.get(INNER);
        assertEquals("inner", inner.path());
        assertEquals(0.01, inner.get(LR));
        assertEquals(List.of("p.yaml:2:7: must be > 0, got -1 [inner.lr]"), messages());
        assertNull(config("a: 1\n").get(INNER));
    }

    @Test
    void sectionsOfTheWrongShapeAreProblems() {
        YamlConfig c = config("inner: 3\nitems: {a: 1}\nlist: [{a: 1}, 2]\n");
        assertTrue(c.section("inner").isEmpty());
        assertTrue(c.sections("items").isEmpty());
        List<Config> list = c.sections("list");
        assertEquals(1, list.size());
        assertEquals("list[0]", list.get(0).path());
        List<String> m = messages();
        assertEquals(3, m.size(), m::toString);
        assertTrue(m.get(0).startsWith("p.yaml:1:8: expected a mapping"), m::toString);
        assertTrue(m.get(1).startsWith("p.yaml:2:8: expected a list"), m::toString);
        assertTrue(m.get(2).startsWith("p.yaml:3:16: expected a mapping"), m::toString);
    }

    @Test
    void unknownKeysGetADidYouMeanAndTheKnownKeys() {
        YamlConfig c = config("lr: 0.1\nepoch: 3\nzzz: 1\n");
        c.get(LR);
        c.checkUnknownKeys(List.of("lr", "epochs"), "model 'mean'");
        List<String> m = messages();
        assertEquals(
                "p.yaml:2:1: unknown key 'epoch' for model 'mean'; did you mean 'epochs'? known keys: lr, epochs"
                        + " [epoch]",
                m.get(0));
        assertEquals("p.yaml:3:1: unknown key 'zzz' for model 'mean'; known keys: lr, epochs [zzz]", m.get(1));
    }

    @Test
    void keysAndLocationsReflectTheFile() {
        YamlConfig c = config("b: 1\na: 2\n");
        assertEquals(List.of("b", "a"), List.copyOf(c.keys()));
        assertTrue(c.has("a"));
        assertFalse(c.has("c"));
        assertEquals("p.yaml:2:4", c.location("a").position());
        assertEquals("c", c.location("c").keyPath());
    }
}
