package dev.quiver.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverridesTest {

    private final Problems problems = new Problems();

    private ConfigNode.Mapping doc(String yaml) {
        return SafeYaml.parse(yaml, "p.yaml", Map.of(), problems).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> apply(String yaml, String... sets) {
        return (Map<String, Object>)
                Overrides.apply(doc(yaml), List.of(sets), problems).plain();
    }

    @Test
    void anOverrideWinsAndIsTypedAsYaml() {
        Map<String, Object> out =
                apply("seed: 1\ntraining: {epochs: 5}\n", "seed=7", "training.epochs=20", "training.shuffle=false");
        assertEquals(7, out.get("seed"));
        assertEquals(Map.of("epochs", 20, "shuffle", false), out.get("training"));
        assertTrue(problems.isEmpty());
    }

    @Test
    void laterOverridesWin() {
        assertEquals(3, apply("seed: 1\n", "seed=2", "seed=3").get("seed"));
    }

    @Test
    void missingMappingsAreCreatedAndFlowValuesParsed() {
        Map<String, Object> out = apply("name: x\n", "training.optimizer={type: sgd, lr: 0.5}", "evaluate=[mse, r2]");
        assertEquals(Map.of("optimizer", Map.of("type", "sgd", "lr", 0.5)), out.get("training"));
        assertEquals(List.of("mse", "r2"), out.get("evaluate"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listIndicesReplaceOrAppend() {
        Map<String, Object> out = apply(
                "transforms: [{type: scale, factor: 2}]\n", "transforms[0].factor=3", "transforms[1]={type: scale}");
        List<Object> transforms = (List<Object>) out.get("transforms");
        assertEquals(Map.of("type", "scale", "factor", 3), transforms.get(0));
        assertEquals(Map.of("type", "scale"), transforms.get(1));
    }

    @Test
    void aNameShorthandBecomesATypedMappingWhenAKeyIsSetInside() {
        Map<String, Object> out =
                apply("model: mean\ntraining: {optimizer: sgd}\n", "training.optimizer.lr=0.5", "model.type=majority");
        assertEquals(Map.of("optimizer", Map.of("type", "sgd", "lr", 0.5)), out.get("training"));
        assertEquals(Map.of("type", "majority"), out.get("model"));
    }

    @Test
    void overriddenValuesAreLocatedOnTheCommandLine() {
        ConfigNode.Mapping root = Overrides.apply(doc("seed: 1\n"), List.of("seed=x"), problems);
        ConfigNode seed = root.get("seed").orElseThrow();
        assertEquals("--set seed=x", seed.location().position());
        assertEquals("seed", seed.location().keyPath());
    }

    @Test
    void badOverridesAreReportedAndTheRestStillApply() {
        Map<String, Object> out =
                apply("seed: 1\ntransforms: []\n", "nonsense", "seed.first=a", "transforms[2].type=scale", "seed=9");
        assertEquals(9, out.get("seed"));
        List<String> messages =
                problems.sorted().stream().map(Problem::toString).toList();
        assertEquals(3, messages.size(), messages::toString);
        assertTrue(messages.get(0).startsWith("--set nonsense: expected --set key.path=value"), messages::toString);
        assertTrue(messages.get(1).contains("cannot set 'first' inside 'seed', which holds 1"), messages::toString);
        assertTrue(
                messages.get(2).contains("index 2 is past the end of 'transforms', which has 0 items"),
                messages::toString);
    }

    @Test
    void anIndexTooLargeForAListIsAProblemNamingTheArgument() {
        apply(
                "transforms: [{type: scale}]\n",
                "transforms[2147483648].type=x",
                "seed=3",
                "transforms[99999999999999999999]=y");
        List<Problem> list = problems.sorted();
        assertEquals(2, list.size(), list.toString());
        assertTrue(list.get(0).toString().contains("--set transforms[2147483648].type=x"), list.toString());
        assertTrue(
                list.get(0)
                        .toString()
                        .contains("list index [2147483648] in 'transforms[2147483648].type' is" + " too large"),
                list.toString());
        assertTrue(list.get(1).toString().contains("[99999999999999999999]"), list.toString());
    }
}
