package dev.quiver.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.Problem;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.Search;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader end to end over the runtime's test plugins, one pipeline file per test. */
class PipelineLoaderTest {

    private static final PipelineLoader LOADER = new PipelineLoader(ServicePluginRegistry.discover());

    @TempDir
    Path dir;

    private Path file;
    private String f;

    @BeforeEach
    void data() throws IOException {
        Files.writeString(dir.resolve("houses.csv"), """
                area,rooms,city,price
                80,2,north,130.0
                100,3,south,150.5
                120,3,north,170.0
                """);
        Files.writeString(dir.resolve("numbers.csv"), "x,y,z\n1,2.5,3\n2,3.5,4\n");
        file = dir.resolve("p.yaml");
        f = file.toString();
    }

    private Pipeline load(String yaml, String... sets) throws IOException {
        Files.writeString(file, yaml);
        return LOADER.load(file, List.of(sets), Map.of("HOME_DIR", dir.toString()));
    }

    /** The problems of a pipeline that must fail, rendered as the CLI prints them. */
    private List<String> problems(String yaml, String... sets) throws IOException {
        Files.writeString(file, yaml);
        QuiverException e = assertThrows(QuiverException.class, () -> LOADER.load(file, List.of(sets), Map.of()));
        assertEquals(ErrorCode.CONFIG, e.code(), e::getMessage);
        assertTrue(e.getMessage().startsWith("Invalid pipeline"), e.getMessage());
        return e.problems().stream().map(Problem::toString).toList();
    }

    private String problem(String yaml, String... sets) throws IOException {
        List<String> all = problems(yaml, sets);
        assertEquals(1, all.size(), all::toString);
        return all.get(0);
    }

    private static void assertStarts(String expectedStart, String actual) {
        assertTrue(
                actual.startsWith(expectedStart),
                () -> "expected to start with\n  " + expectedStart + "\nbut was\n  " + actual);
    }

    private static void assertHas(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "expected to contain\n  " + expected + "\nbut was\n  " + actual);
    }

    @Test
    void aCompletePipelineIsValidatedAndPlanned() throws IOException {
        Pipeline p = load("""
                version: 1
                name: houses
                seed: 7
                source: {type: table, path: houses.csv}
                columns: {features: [area, rooms], target: price}
                split: {test: 0.2, validation: 0.1}
                transforms: [{type: scale, factor: 3}]
                model: {type: mean, shift: 1}
                training: {epochs: 3, loss: squared, optimizer: {type: sgd, lr: 0.5}}
                evaluate: [mse]
                output: {dir: out/houses}
                checkpoint: {every: 2}
                """);
        assertEquals("houses", p.name());
        assertEquals(7L, p.seed());
        assertEquals("table", p.data().source().type());
        assertEquals(
                dir.resolve("houses.csv").toString(),
                p.data().source().component().describe(),
                "relative paths resolve against the pipeline's folder");
        assertEquals(List.of("area", "rooms"), p.data().columns().features());
        assertEquals(Optional.of("price"), p.data().columns().target());
        assertEquals(List.of("area", "rooms"), p.data().plannedFeatures());
        assertEquals(Task.REGRESSION, p.model().task());
        assertTrue(p.model().taskInferred());
        assertEquals(new SplitSpec(0.2, 0.1, false, 0), p.data().split());
        assertEquals(
                List.of("scale"),
                p.data().transforms().stream().map(Named::type).toList());
        assertEquals(Map.of("factor", 3), p.data().transforms().get(0).options());
        assertEquals("mean", p.model().trainer().type());
        assertEquals(Map.of("shift", 1), p.model().trainer().options());
        assertEquals(List.of("mse"), p.metrics().stream().map(Named::type).toList());
        assertEquals(dir.resolve("out/houses"), p.output().dir());
        assertEquals(2, p.model().checkpointEvery());
        assertEquals(3, p.model().trainingOptions().get("epochs"));
        assertEquals(
                Map.of("type", "sgd", "lr", 0.5), p.model().trainingOptions().get("optimizer"));
        assertEquals("houses.csv", ((Map<?, ?>) p.output().document().get("source")).get("path"));
        assertEquals(file, p.file());
    }

    @Test
    void defaultsFillTheRest() throws IOException {
        Pipeline p = load("""
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                model: mean
                """);
        assertEquals("p", p.name());
        assertEquals(42L, p.seed());
        assertEquals(List.of("x", "y"), p.data().columns().features());
        assertEquals(SplitSpec.NONE, p.data().split());
        assertEquals(dir.resolve("runs/p"), p.output().dir());
        assertEquals(0, p.model().checkpointEvery());
        assertTrue(p.metrics().isEmpty());
        assertTrue(p.model().trainingOptions().isEmpty());
    }

    @Test
    void variablesAndOverridesResolveBeforeValidation() throws IOException {
        Pipeline p = load("""
                source: {type: table, path: "${HOME_DIR}/numbers.csv"}
                columns: {target: z}
                model: {type: mean}
                training: {epochs: 2}
                """, "training.epochs=9", "seed=5", "name=tuned");
        assertEquals(9, p.model().trainingOptions().get("epochs"), "--set wins and is typed as YAML");
        assertEquals(5L, p.seed());
        assertEquals("tuned", p.name());
        assertEquals(
                dir.resolve("numbers.csv").toString(),
                p.data().source().component().describe());
        assertEquals(9, ((Map<?, ?>) p.output().document().get("training")).get("epochs"));
    }

    @Test
    void theTaskIsInferredFromTheTargetAndTheModel() throws IOException {
        String base =
                "source: {type: table, path: houses.csv}\ncolumns: {features: [area], target: %s}\n" + "model: %s\n";
        Pipeline text = load(base.formatted("city", "majority"));
        assertEquals(Task.CLASSIFICATION, text.model().task(), "classification, the class count still unknown");
        assertTrue(text.model().taskInferred());
        assertEquals(
                Task.REGRESSION, load(base.formatted("rooms", "mean")).model().task());
        assertEquals(
                Task.CLASSIFICATION,
                load(base.formatted("rooms", "majority")).model().task());
        Pipeline explicit = load("task: binary\n" + base.formatted("rooms", "majority"));
        assertEquals(Task.BINARY, explicit.model().task());
        assertFalse(explicit.model().taskInferred());
    }

    @Test
    void aModelThatCannotLearnTheTaskIsAProblem() throws IOException {
        String message = problem("""
                source: {type: table, path: houses.csv}
                columns: {features: [area], target: price}
                model: {type: majority}
                """);
        assertStarts(
                f + ":3:15: model 'majority' cannot learn regression (target 'price' holds floating-point", message);
        assertHas("it does binary, multiclass", message);
    }

    @Test
    void aMetricForAnotherTaskIsAProblem() throws IOException {
        String message = problem("""
                source: {type: table, path: houses.csv}
                columns: {features: [area], target: city}
                model: majority
                evaluate: [accuracy, mse]
                """);
        assertStarts(f + ":4:22: metric 'mse' is for regression, but the pipeline does classification", message);
        assertHas("[evaluate[1]]", message);
    }

    @Test
    void aMisspelledTopLevelKeyGetsADidYouMean() throws IOException {
        List<String> all = problems("""
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                modle: {type: mean}
                """);
        assertEquals(2, all.size(), all::toString);
        assertStarts(f + ":1:1: missing 'model'", all.get(0));
        assertStarts(f + ":3:1: unknown key 'modle' for the pipeline; did you mean 'model'?", all.get(1));
    }

    @Test
    void aMisspelledPluginOptionGetsADidYouMean() throws IOException {
        String message = problem("""
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                model: {type: mean, shfit: 1}
                """);
        assertEquals(
                f + ":3:21: unknown key 'shfit' for model 'mean'; did you mean 'shift'? known keys: shift"
                        + " [model.shfit]",
                message);
    }

    @Test
    void anUnknownPluginGetsADidYouMeanAndTheKnownNames() throws IOException {
        String message = problem("""
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                model: {type: maen}
                """);
        assertEquals(
                f + ":3:15: unknown model 'maen'; did you mean 'mean'? known models: majority, mean" + " [model.type]",
                message);
    }

    @Test
    void aMissingColumnGetsADidYouMeanAndTheColumns() throws IOException {
        String message = problem("""
                source: {type: table, path: houses.csv}
                columns: {features: [area, romos], target: price}
                model: mean
                """);
        assertStarts(f + ":2:28: no column 'romos' in " + dir.resolve("houses.csv"), message);
        assertHas("did you mean 'rooms'? known columns: area, rooms, city, price [columns.features[1]]", message);
    }

    @Test
    void aTextFeatureNeedsAnEncodingTransform() throws IOException {
        String message = problem("""
                source: {type: table, path: houses.csv}
                columns: {target: price}
                model: mean
                """);
        assertStarts(f + ":2:10: feature 'city' holds text (utf8), but models need numbers", message);
        assertHas("{type: one-hot, columns: [city]}", message);
    }

    @Test
    void aTransformThatOutputsTextIntoTheModelIsAPlanTimeErrorAtThatTransform() throws IOException {
        String message = problem("""
                source: {type: table, path: houses.csv}
                columns: {features: [area, rooms], target: price}
                transforms:
                  - {type: scale, columns: [area]}
                  - {type: text, columns: [rooms]}
                model: mean
                """);
        assertStarts(
                f + ":5:5: feature 'rooms' holds text (utf8) after transforms[1] (text), but models need " + "numbers",
                message);
        assertHas("{type: one-hot, columns: [rooms]}", message);
        assertHas("[transforms[1]]", message);
    }

    @Test
    void aTextFeatureNamesTheTransformItPassedThrough() throws IOException {
        String message = problem("""
                source: {type: table, path: houses.csv}
                columns: {features: [area, city], target: price}
                transforms: [{type: scale, columns: [area]}]
                model: mean
                """);
        assertStarts(
                f + ":2:28: feature 'city' holds text (utf8) and passes unchanged through transforms[0] "
                        + "(scale), but models need numbers",
                message);
        assertHas("{type: one-hot, columns: [city]}", message);
    }

    @Test
    void eachTransformPlansAgainstTheTypesTheOneBeforeDeclared() throws IOException {
        // rooms is an integer column in the file; only the declared schema says it is text by then
        String message = problem("""
                source: {type: table, path: houses.csv}
                columns: {features: [area, rooms], target: price}
                transforms:
                  - {type: text, columns: [rooms]}
                  - {type: scale, columns: [rooms]}
                model: mean
                """);
        assertEquals(f + ":5:5: scale: column 'rooms' is not numeric [transforms[1]]", message);
    }

    @Test
    void aTransformsPlanProblemIsLocatedAtTheTransform() throws IOException {
        String message = problem("""
                source: {type: table, path: houses.csv}
                columns: {features: [area], target: price}
                transforms:
                  - {type: scale, columns: [city]}
                model: mean
                """);
        assertEquals(f + ":4:5: scale: column 'city' is not numeric [transforms[0]]", message);
    }

    @Test
    void aValueOfTheWrongTypeIsLocated() throws IOException {
        String message = problem("""
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                model: mean
                training:
                  epochs: many
                """);
        assertEquals(f + ":5:11: expected a whole number, got 'many' [training.epochs]", message);
    }

    @Test
    void aMisspelledTrainingKeyGetsADidYouMean() throws IOException {
        String message = problem("""
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                model: mean
                training: {epoch: 3}
                """);
        assertStarts(f + ":4:12: unknown key 'epoch' for training of model 'mean'; did you mean 'epochs'?", message);
    }

    @Test
    void aTrainingSectionForAModelThatTakesNoneIsAProblem() throws IOException {
        String message = problem("""
                source: {type: table, path: houses.csv}
                columns: {features: [area], target: city}
                model: majority
                training: {epochs: 3}
                """);
        assertStarts(f + ":4:1: model 'majority' is not trained iteratively and takes no training: section", message);
    }

    @Test
    void anUnknownLossOrOptimizerIsLocatedInTraining() throws IOException {
        List<String> all = problems("""
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                model: mean
                training: {loss: sqared, optimizer: {type: sgd, lr: -1}}
                """);
        assertEquals(2, all.size(), all::toString);
        assertStarts(f + ":4:18: unknown loss 'sqared'; did you mean 'squared'?", all.get(0));
        assertEquals(f + ":4:53: must be > 0, got -1 [training.optimizer.lr]", all.get(1));
    }

    @Test
    void aDuplicateKeyIsRejectedWithBothLocations() throws IOException {
        String message = problem("""
                source: {type: table, path: numbers.csv}
                model: mean
                columns: {target: z}
                model: majority
                """);
        assertEquals(
                f + ":4:1: duplicate key 'model': it is also written at " + f + ":2:1; remove one of them" + " [model]",
                message);
    }

    @Test
    void anAliasBombIsRejected() throws IOException {
        StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            yaml.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [")
                    .append(("*" + (char) (c - 1) + ", ").repeat(8))
                    .append('*')
                    .append((char) (c - 1))
                    .append("]\n");
        }
        String message = problem(yaml.toString());
        assertStarts(f + ":7:", message);
        assertHas("more than 50 aliases to lists or mappings", message);
    }

    @Test
    void aGlobalTagIsRejected() throws IOException {
        List<String> all = problems("""
                source: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x"]]]]
                model: mean
                """);
        assertStarts(f + ":1:9: the tag '!!javax.script.ScriptEngineManager' is not allowed", all.get(0));
    }

    @Test
    void aMissingDataFileIsAConfigProblemAtSourcePath() throws IOException {
        String message = problem("""
                source: {type: table, path: data/missing.csv}
                columns: {target: z}
                model: mean
                """);
        assertStarts(f + ":1:29: file not found: " + dir.resolve("data/missing.csv"), message);
        assertHas("[source.path]", message);
    }

    @Test
    void unreadableDataIsADataErrorWhenThePipelineIsOtherwiseValid() throws IOException {
        Files.writeString(dir.resolve("ragged.csv"), "x,y\n1,2\n3\n");
        String yaml = """
                source: {type: table, path: ragged.csv}
                columns: {target: y}
                model: %s
                """;
        Files.writeString(file, yaml.formatted("mean"));
        QuiverException data = assertThrows(QuiverException.class, () -> LOADER.load(file, List.of(), Map.of()));
        assertEquals(ErrorCode.DATA, data.code());
        assertHas(dir.resolve("ragged.csv") + ":3: expected 2 cells, found 1", data.getMessage());

        List<String> all = problems(yaml.formatted("maen"));
        assertEquals(2, all.size(), all::toString);
        assertStarts(f + ":1:29: cannot read the source: " + dir.resolve("ragged.csv") + ":3:", all.get(0));
        assertStarts(f + ":3:8: unknown model 'maen'", all.get(1));
    }

    @Test
    void aMissingPipelineFileIsAConfigProblem() {
        QuiverException e =
                assertThrows(QuiverException.class, () -> LOADER.load(dir.resolve("none.yaml"), List.of(), Map.of()));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertHas("none.yaml: pipeline file not found", e.getMessage());
    }

    @Test
    void anUnsetVariableIsLocated() throws IOException {
        String message = problem("""
                source: {type: table, path: "${DATA}/numbers.csv"}
                columns: {target: z}
                model: mean
                """);
        assertStarts(f + ":1:29: environment variable 'DATA' is not set", message);
    }

    @Test
    void aMissingRequiredPluginOptionIsLocated() throws IOException {
        String message = problem("""
                source: {type: table}
                model: mean
                """);
        assertEquals(f + ":1:9: missing required option 'path' (The file to read.) [source.path]", message);
    }

    @Test
    void overridesAreValidatedAndLocatedOnTheCommandLine() throws IOException {
        String message = problem("""
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                model: mean
                """, "model.type=maen");
        assertEquals(
                "--set model.type=maen: unknown model 'maen'; did you mean 'mean'? known models: majority,"
                        + " mean [model.type]",
                message);
    }

    @Test
    void splitMistakesAreReported() throws IOException {
        assertStarts(f + ":4:8: split must be 'none' or a mapping", problem("""
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                model: mean
                split: nnoe
                """));
        List<String> all = problems("""
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                model: mean
                split: {test: 0.5, validation: 0.5, stratify: true}
                """);
        assertEquals(2, all.size(), all::toString);
        assertStarts(f + ":4:8: stratify keeps class proportions, so it needs a classification task", all.get(0));
        assertStarts(f + ":4:32: test (0.5) and validation (0.5) together must leave some rows", all.get(1));
    }

    @Test
    void crossValidationIsWrittenInSplitOrAtTheTop() throws IOException {
        String classify = """
                source: {type: table, path: houses.csv}
                columns: {features: [area, rooms], target: city}
                model: majority
                """;
        assertEquals(
                new SplitSpec(0.2, 0, true, 5),
                load(classify + "split: {test: 0.2, validation: {folds: 5, stratify: true}}")
                        .data()
                        .split());
        assertEquals(
                new SplitSpec(0, 0, true, 3),
                load(classify + "validation: {folds: 3, stratify: true}").data().split(),
                "the top-level shorthand");
        assertEquals(
                new SplitSpec(0.25, 0, false, 4),
                load(classify + "split: {test: 0.25, folds: 4}").data().split());
        assertEquals(
                new SplitSpec(0, 0, false, 2),
                load(classify + "split: {test: 0.2}", "split.validation={folds: 2}", "split.test=0")
                        .data()
                        .split(),
                "--set reaches into the mapping");
    }

    @Test
    void crossValidationMistakesAreLocated() throws IOException {
        String base = """
                source: {type: table, path: numbers.csv}
                columns: {target: z}
                model: mean
                """;
        assertEquals(
                f + ":4:29: cross-validation needs at least 2 folds, got 1 [split.validation.folds]",
                problem(base + "split: {validation: {folds: 1}}"));
        assertEquals(
                f + ":4:16: cross-validation needs at least 2 folds (or 0 for none) [split.folds]",
                problem(base + "split: {folds: 1}"));
        assertStarts(
                f + ":4:21: validation as a mapping is cross-validation and needs the number of folds",
                problem(base + "split: {validation: {stratify: false}}"));
        assertStarts(
                f + ":4:33: give either folds (cross-validation) or a validation fraction, not both",
                problem(base + "split: {validation: 0.2, folds: 5}"));
        assertStarts(
                f + ":5:13: validation is given twice, here and in split: (validation: 0.2); keep one",
                problem(base + "split: {validation: 0.2}\nvalidation: {folds: 5}"));
        assertStarts(
                f + ":4:13: a top-level validation: takes cross-validation settings",
                problem(base + "validation: 0.2"));
        assertEquals(
                f + ":4:24: unknown key 'fold' for validation; did you mean 'folds'? known keys: folds,"
                        + " stratify [validation.fold]",
                problems(base + "validation: {folds: 3, fold: 2}").get(0));
    }

    private static final String TUNED = """
            seed: 7
            source: {type: table, path: houses.csv}
            columns: {features: [area], target: price}
            split: {validation: 0.34}
            model: {type: mean}
            training: {epochs: 1}
            evaluate: [mse]
            tune:
              strategy: %s
              space:
            %s
              objective: {metric: mse, goal: minimize}
            """;

    private static String tuned(String strategy, String... space) {
        return TUNED.formatted(strategy, String.join("\n", space));
    }

    @Test
    void aRandomSearchDrawsReproducibleTrialsAndLoadsEachAsAPipeline() throws IOException {
        String yaml = tuned(
                "random\n  trials: 5",
                "    model.shift: {uniform: [-10, 10]}",
                "    training.epochs: {intUniform: [1, 3]}");
        Search search = load(yaml).search().orElseThrow();
        assertEquals(5, search.trials().size());
        assertEquals("mse", search.metric());
        assertFalse(search.maximize());
        assertFalse(search.crossValidated());
        for (Search.Trial t : search.trials()) {
            double shift = (Double) t.params().get("model.shift");
            int epochs = (Integer) t.params().get("training.epochs");
            assertTrue(shift >= -10 && shift < 10, "shift " + shift);
            assertTrue(epochs >= 1 && epochs <= 3, "epochs " + epochs);
            assertEquals(
                    shift,
                    ((Map<?, ?>) t.pipeline().output().document().get("model")).get("shift"),
                    "the trial's pipeline has the drawn value");
            assertEquals(
                    epochs, ((Number) t.pipeline().model().trainingOptions().get("epochs")).intValue());
            assertTrue(t.pipeline().search().isEmpty());
            assertFalse(t.pipeline().output().document().containsKey("tune"));
        }
        List<Map<String, Object>> again = load(yaml).search().orElseThrow().trials().stream()
                .map(Search.Trial::params)
                .toList();
        assertEquals(search.trials().stream().map(Search.Trial::params).toList(), again, "seeded: the same draws");
        List<Map<String, Object>> otherSeed = load(yaml, "seed=8").search().orElseThrow().trials().stream()
                .map(Search.Trial::params)
                .toList();
        assertNotEquals(again, otherSeed);
    }

    @Test
    void aGridSearchTriesEveryCombinationLastKeyFastest() throws IOException {
        Search search = load(tuned(
                        "grid", "    model.shift: {choice: [1.5, 2.5]}", "    training.epochs: {choice: [1, 2, 3]}"))
                .search()
                .orElseThrow();
        assertEquals(
                List.of(
                        Map.of("model.shift", 1.5, "training.epochs", 1),
                        Map.of("model.shift", 1.5, "training.epochs", 2),
                        Map.of("model.shift", 1.5, "training.epochs", 3),
                        Map.of("model.shift", 2.5, "training.epochs", 1),
                        Map.of("model.shift", 2.5, "training.epochs", 2),
                        Map.of("model.shift", 2.5, "training.epochs", 3)),
                search.trials().stream().map(Search.Trial::params).toList());
    }

    @Test
    void spaceKeysThePipelineLacksAreLocatedWithADidYouMean() throws IOException {
        List<String> all = problems(tuned(
                "random",
                "    model.shfit: {uniform: [0, 1]}",
                "    modle.shift: {choice: [1]}",
                "    training.epochs: {logUniform: [0, 3]}"));
        assertEquals(3, all.size(), all::toString);
        assertStarts(f + ":11:5: unknown key 'shfit' for model 'mean'; did you mean 'shift'?", all.get(0));
        assertStarts(f + ":12:5: unknown key 'modle' for the pipeline; did you mean 'model'?", all.get(1));
        assertStarts(f + ":13:35: logUniform draws on a log scale, so its bounds must be above 0", all.get(2));
    }

    @Test
    void tuneMistakesAreLocated() throws IOException {
        assertStarts(
                f + ":11:5: a grid search takes choice lists only",
                problem(tuned("grid", "    model.shift: {uniform: [0, 1]}")));
        assertStarts(
                f + ":12:23: the objective 'mes' is not in the evaluate list [mse]; did you mean 'mse'?",
                problem(tuned("random", "    model.shift: {uniform: [0, 1]}").replace("metric: mse", "metric: mes")));
        assertStarts(
                f + ":8:1: tuning scores each trial on held-out rows, so the pipeline needs a validation split",
                problem(tuned("random", "    model.shift: {uniform: [0, 1]}")
                        .replace("split: {validation: 0.34}", "split: none")));
        assertStarts(
                f + ":11:19: unknown distribution 'unifrom'; did you mean 'uniform'? known: choice,",
                problem(tuned("random", "    model.shift: {unifrom: [0, 1]}")));
        assertStarts(
                f + ":11:18: a space entry is one of {choice: [...]}", problem(tuned("random", "    model.shift: 3")));
        String eleven = "{choice: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}";
        assertStarts(
                f + ":11:5: the grid has more than 10000 combinations",
                problem(tuned(
                        "grid",
                        "    model.shift: " + eleven,
                        "    training.epochs: " + eleven,
                        "    seed: " + eleven,
                        "    training.optimizer: " + eleven)));
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() throws IOException {
        List<String> all = problems("""
                version: 2
                source: {type: table, path: houses.csv}
                columns: {features: [area, romos], target: price}
                model: {type: mean, shift: high}
                training: {epochs: 0}
                evaluate: [mse, accuracy, rmse]
                output: {folder: out}
                """);
        List<String> expected = List.of(
                f + ":1:10: unsupported version 2; this Quiver reads version 1 [version]",
                f + ":3:28: no column 'romos'",
                f + ":4:28: expected a number, got 'high' [model.shift]",
                f + ":5:20: must be >= 1, got 0 [training.epochs]",
                f + ":6:27: unknown metric 'rmse'",
                f + ":7:10: unknown key 'folder' for output");
        assertEquals(expected.size(), all.size(), all::toString);
        for (int i = 0; i < expected.size(); i++) {
            assertStarts(expected.get(i), all.get(i));
        }
    }
}
