package dev.quiver.spark.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.PluginContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.runtime.bundle.JsonStateReader;
import dev.quiver.runtime.bundle.JsonStateWriter;
import dev.quiver.spark.TaskPlugins;
import java.io.IOException;
import java.io.Serializable;

/**
 * A fitted transform (or model) as a task receives it: its plugin's name and the state it saves to a run folder,
 * as JSON text. Fitted transforms and models are not serializable, and need not be: the task rebuilds one with the plugin's own
 * {@code load} ({@link TaskPlugins}), exactly as {@code quiver predict} does from {@code transforms.json}.
 * Immutable.
 *
 * @param type the transform's (or model's) plugin name
 * @param state its saved state
 */
public record ShippedTransform(String type, String state) implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code fitted}'s state, to ship. */
    public static ShippedTransform of(FittedTransform fitted) {
        JsonStateWriter state = JsonStateWriter.create();
        fitted.save(state);
        return new ShippedTransform(fitted.type(), state.json().toString());
    }

    /** A fitted model's state, to ship (rebuilt with {@link #rebuildModel}). */
    public static ShippedTransform of(Model model) {
        JsonStateWriter state = JsonStateWriter.create();
        model.save(state);
        return new ShippedTransform(model.type(), state.json().toString());
    }

    /** The fitted model again, made by its plugin on this JVM. */
    public Model rebuildModel() {
        try {
            return TaskPlugins.model(type).load(JsonStateReader.of(JSON.readTree(state)), new PluginContext() {});
        } catch (IOException e) {
            throw new IllegalStateException("the shipped state of model '" + type + "' is not JSON", e);
        }
    }

    /** The fitted transform again, made by its plugin on this JVM. */
    public FittedTransform rebuild() {
        try {
            return TaskPlugins.transform(type).load(JsonStateReader.of(JSON.readTree(state)), new PluginContext() {});
        } catch (IOException e) {
            throw new IllegalStateException("the shipped state of transform '" + type + "' is not JSON", e);
        }
    }
}
