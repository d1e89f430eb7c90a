package dev.quiver.runtime.plan.internal;

import dev.quiver.api.Location;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.transform.Transform;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.plan.PipelineContext;
import dev.quiver.runtime.registry.PluginKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes the document's components through their factories ({@link Components}): the {@code source}, the
 * {@code transforms} in order, the {@code model} with its {@code training:} section, and the {@code evaluate}
 * metrics. Every mistake is recorded in the {@link Problems}, none thrown. One instance per load, used on one
 * thread.
 */
final class ComponentSection {

    /** The metrics that could be made, each with where it was written. */
    record Metrics(List<Named<Metric>> metrics, List<Location> locations) {}

    /** The model and its {@code training:} section. */
    record TrainedModel(Named<Trainer> trainer, TrainingSection training) {}

    private final ConfigNode.Mapping root;
    private final Problems problems;
    private final Components components;
    private final PipelineContext context;

    ComponentSection(ConfigNode.Mapping root, Components components, Problems problems, PipelineContext context) {
        this.root = root;
        this.components = components;
        this.problems = problems;
        this.context = context;
    }

    /** The source; empty (with a problem) when it is missing or cannot be made. */
    Optional<Named<Source>> source() {
        return required("source", "where the rows come from, e.g. source: {type: csv, path: data/table.csv}")
                .flatMap(n -> components.make(PluginKind.SOURCE, n, "source", context));
    }

    /** The transforms in order; empty when any of them could not be made (so none is planned). */
    Optional<List<Named<Transform>>> transforms() {
        List<Named<Transform>> transforms = new ArrayList<>();
        boolean complete = true;
        for (ConfigNode item : items(root.get("transforms"))) {
            Optional<Named<Transform>> t =
                    components.make(PluginKind.TRANSFORM, item, item.location().keyPath(), context);
            t.ifPresent(transforms::add);
            complete &= t.isPresent();
        }
        return complete ? Optional.of(transforms) : Optional.empty();
    }

    /** The model with its training section (read against the model's factory); empty when either failed. */
    Optional<TrainedModel> model(YamlConfig top, int checkpointEvery) {
        Optional<ConfigNode> node = required("model", "what learns, e.g. model: {type: linear-regression}");
        Optional<Components.Entry> entry = node.flatMap(n -> components.entry(PluginKind.MODEL, n, "model"));
        Optional<ModelFactory> factory = entry.flatMap(e -> components.factory(PluginKind.MODEL, e));
        if (factory.isEmpty()) {
            return Optional.empty();
        }
        Optional<TrainingSection> training = TrainingSection.read(
                top, entry.get().type(), factory.get(), components, problems, context, checkpointEvery);
        Optional<Named<Trainer>> trainer = components.create(PluginKind.MODEL, entry.get(), factory.get(), context);
        if (trainer.isEmpty() || training.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TrainedModel(trainer.get(), training.get()));
    }

    /**
     * The metrics that could be made (a bad one is a recorded problem, the others are still checked); the
     * {@code permutation-importance} entry is not a metric plugin and goes to {@code importance} instead.
     */
    Metrics metrics(ImportanceSection importance) {
        List<Named<Metric>> metrics = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        for (ConfigNode item : items(root.get("evaluate"))) {
            if (importance.read(item)) {
                continue;
            }
            components
                    .<Metric>make(PluginKind.METRIC, item, item.location().keyPath(), context)
                    .ifPresent(m -> {
                        metrics.add(m);
                        locations.add(item.location());
                    });
        }
        return new Metrics(metrics, locations);
    }

    /** Where a component's type name was written (its {@code type} value, or the shorthand name itself). */
    static Location typeLocation(ConfigNode.Mapping root, String key) {
        Optional<ConfigNode> node = root.get(key);
        if (node.isPresent()
                && node.get() instanceof ConfigNode.Mapping m
                && m.get("type").isPresent()) {
            return m.get("type").get().location();
        }
        return node.map(ConfigNode::location).orElse(root.location());
    }

    private Optional<ConfigNode> required(String key, String what) {
        Optional<ConfigNode> node = root.get(key);
        if (node.isEmpty() || node.get().isNull()) {
            Location at = node.map(ConfigNode::location)
                    .orElse(new Location(
                            root.location().file(),
                            root.location().line(),
                            root.location().column(),
                            key));
            problems.add(at, "missing '" + key + "': " + what);
            return Optional.empty();
        }
        return node;
    }

    /** A list of entries; a single entry is taken as a list of one. */
    private static List<ConfigNode> items(Optional<ConfigNode> node) {
        if (node.isEmpty() || node.get().isNull()) {
            return List.of();
        }
        if (node.get() instanceof ConfigNode.Sequence sequence) {
            return sequence.items();
        }
        return List.of(node.get());
    }
}
