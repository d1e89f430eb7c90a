package dev.quiver.runtime.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.Plugin;
import dev.quiver.api.QuiverException;
import dev.quiver.api.SpiVersion;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.runtime.exec.ExecTestComponents;
import dev.quiver.runtime.exec.Executor;
import dev.quiver.runtime.exec.RunOptions;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import dev.quiver.runtime.telemetry.RunTelemetry;
import dev.quiver.runtime.testplugins.TestPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged run folder is refused at load with "damaged run: FILE: key: what". The checks are called through
 * {@link BundleLoader} directly so they hold on their own, whatever the bundle's integrity checks catch first.
 */
class DamagedRunTest {

    @TempDir
    Path temp;

    private Path run;

    private final PluginRegistry registry = ServicePluginRegistry.of(List.of(new TestPlugin(), new Plugin() {
        @Override
        public String spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public Iterable<TransformFactory> getTransformFactories() {
            return List.of(ExecTestComponents.centerFactory());
        }
    }));

    @BeforeEach
    void train() {
        run = new Executor(RunTelemetry.noop())
                .run(
                        ExecTestComponents.centeredMean(
                                ExecTestComponents.numbers(20), SplitSpec.NONE, temp.resolve("run")),
                        RunOptions.defaults())
                .directory();
    }

    private QuiverException damaged(String file, String text) throws Exception {
        Files.writeString(run.resolve(file), text);
        return load();
    }

    private QuiverException edit(String file, Consumer<JsonNode> change) throws Exception {
        JsonNode json = RunBundle.readJson(run.resolve(file));
        change.accept(json);
        RunBundle.writeJson(run.resolve(file), json);
        return load();
    }

    private QuiverException load() {
        QuiverException e = assertThrows(QuiverException.class, () -> BundleLoader.load(run, registry));
        assertEquals(ErrorCode.DATA, e.code(), e.getMessage());
        return e;
    }

    private static void assertMessage(QuiverException e, String expected) {
        assertTrue(e.getMessage().startsWith("damaged run: ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void theUntouchedRunLoads() throws Exception {
        assertEquals(List.of("area"), BundleLoader.load(run, registry).features());
    }

    @Test
    void transformsJsonThatIsNullOrAnObjectIsDamaged() throws Exception {
        assertMessage(
                damaged("transforms.json", "null"),
                run.resolve("transforms.json") + ": should be a JSON array of {type, state}, found null");
        assertMessage(
                damaged("transforms.json", "{}"),
                "transforms.json: should be a JSON array of {type, state}, " + "found object");
        assertMessage(
                damaged("transforms.json", "[{}]"), "transforms.json: [0].type: should be a string, found nothing");
        assertMessage(
                damaged("transforms.json", "[{\"type\": \"center\", \"state\": null}]"),
                "transforms.json: [0].state: should be a JSON object, found null");
    }

    @Test
    void transformsJsonMustListThePipelinesTransforms() throws Exception {
        Files.writeString(run.resolve("pipeline.yaml"), "version: 1\nname: test\ntransforms:\n- type: center\n");
        assertEquals(1, BundleLoader.load(run, registry).transforms().size());
        assertMessage(
                damaged("transforms.json", "[]"),
                "transforms.json: lists the transforms [] but pipeline.yaml " + "has [center]");
    }

    @Test
    void aDroppedTransformLeavesTheModelWithoutItsInputs() throws Exception {
        // The mean model reads the centered column under its own name, so dropping center alone still agrees;
        // removing a feature from schema.json does not.
        QuiverException e = edit(
                "model.json",
                json -> ((ArrayNode) json.get("features")).removeAll().add("width"));
        assertMessage(e, "model.json: features: lists 'width', which schema.json does not have");
    }

    @Test
    void aNonFiniteParameterIsDamaged() throws Exception {
        assertMessage(
                edit("model.json", json -> ((ObjectNode) json.get("state")).put("mean", "NaN")),
                "model.json: state.mean: is NaN; a saved parameter must be a finite number");
        assertMessage(
                edit("model.json", json -> ((ObjectNode) json.get("state")).put("mean", "-Infinity")),
                "state.mean: is -Infinity");
    }

    @Test
    void nullOrAMissingKeyInAStateIsDamaged() throws Exception {
        assertMessage(
                edit("model.json", json -> ((ObjectNode) json.get("state")).putNull("mean")),
                "model.json: state.mean: should be a number, found null");
        assertMessage(
                edit("model.json", json -> ((ObjectNode) json.get("state")).remove("mean")),
                "model.json: state.mean: is missing");
        assertMessage(damaged("model.json", "null"), "model.json: should be a JSON object, found null");
        assertMessage(damaged("model.json", "{}"), "model.json: pipeline: should be a string, found nothing");
    }

    @Test
    void editedClassesOrTaskDisagreeingWithTheModelAreDamaged() throws Exception {
        assertMessage(
                edit("model.json", json -> ((ArrayNode) json.get("classes")).add("cheap")),
                "model.json: classes: are [cheap] but the saved model's classes are []");
        train();
        assertMessage(
                edit("model.json", json -> ((ObjectNode) json).put("task", "multiclass")),
                "model.json: task: is multiclass but the saved model is regression");
        train();
        assertMessage(
                edit("model.json", json -> ((ObjectNode) json).put("task", "poetry")),
                "model.json: task: 'poetry' is not a task");
    }

    @Test
    void aModelReadingAColumnTheTransformsDoNotProduceIsDamaged() throws Exception {
        QuiverException e =
                edit("model.json", json -> ((ArrayNode) json.get("state").get("features")).add("height"));
        assertMessage(e, "model.json: state.features: the model reads 'height', which the transforms do not produce");
    }
}
