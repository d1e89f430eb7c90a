package dev.quiver.spark.internal;

import dev.quiver.api.PluginContext;
import dev.quiver.api.Task;
import dev.quiver.api.config.Option;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.state.StateWriter;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.TransformFactory;
import dev.quiver.engine.nn.Dense;
import dev.quiver.engine.nn.Network;
import dev.quiver.runtime.bundle.JsonStateReader;
import dev.quiver.runtime.bundle.JsonStateWriter;
import dev.quiver.runtime.pipeline.PluginRegistry;
import dev.quiver.spark.LinearOutputs;
import java.util.List;
import java.util.function.Consumer;

/**
 * The fitted transforms and model of a Spark fit, made by their own plugins: the statistics computed on Spark are
 * written in the state format each plugin saves to a run folder (its stable, versioned contract, read back by
 * every {@code quiver predict}) and loaded through the plugin's factory, so the fitted objects are exactly the ones
 * a local fit would have made from the same numbers. Stateless; the driver thread calls it.
 */
final class FittedPieces {

    private final PluginRegistry registry;

    FittedPieces(PluginRegistry registry) {
        this.registry = registry;
    }

    /** {@code standardize}: {@code (x - mean) / scale} per column. */
    FittedTransform standardize(List<String> columns, double[] mean, double[] scale) {
        return transform("standardize", state -> state.putStrings("columns", columns)
                .putDoubles("mean", mean)
                .putDoubles("scale", scale));
    }

    /** {@code min-max}: {@code x * scale + offset} per column, with the range it was fitted on. */
    FittedTransform minMax(List<String> columns, double[] min, double[] max, double[] scale, double[] offset) {
        return transform("min-max", state -> state.putStrings("columns", columns)
                .putDoubles("min", min)
                .putDoubles("max", max)
                .putDoubles("scale", scale)
                .putDoubles("offset", offset));
    }

    /**
     * {@code impute}: each column's fill, a Double for a numeric column or a String for a text one (the plugin's
     * saved layout: a flag, a number and a text per column).
     */
    FittedTransform impute(List<String> columns, List<Object> fills) {
        int n = fills.size();
        long[] isText = new long[n];
        double[] numbers = new double[n];
        List<String> texts = new java.util.ArrayList<>();
        for (int c = 0; c < n; c++) {
            isText[c] = fills.get(c) instanceof String ? 1 : 0;
            numbers[c] = fills.get(c) instanceof Double d ? d : Double.NaN;
            texts.add(fills.get(c) instanceof String s ? s : "");
        }
        return transform("impute", state -> state.putStrings("columns", columns)
                .putLongs("isText", isText)
                .putDoubles("numericFill", numbers)
                .putStrings("textFill", texts));
    }

    /** {@code one-hot}: each column's categories, in the order of its indicator columns. */
    FittedTransform oneHot(
            List<String> columns, List<List<String>> categories, boolean ignoreUnknown, boolean dropFirst) {
        return transform("one-hot", state -> {
            state.putStrings("columns", columns);
            StateWriter cats = state.child("categories");
            for (int c = 0; c < columns.size(); c++) {
                cats.putStrings(columns.get(c), categories.get(c));
            }
            state.putLong("ignoreUnknown", ignoreUnknown ? 1 : 0).putLong("dropFirst", dropFirst ? 1 : 0);
        });
    }

    /** {@code linear-regression}'s model: one output, {@code weight · x + bias}, regression head. */
    Model linearRegression(List<String> features, double[] weight, double bias) {
        JsonStateWriter state = JsonStateWriter.create();
        state.putStrings("features", features).putDoubles("weight", weight).putDoubles("bias", new double[] {bias});
        state.child("head").putString("task", "REGRESSION").putLong("width", 1).putDouble("threshold", 0.5);
        ModelFactory factory = registry.models().get(SparkSupport.LINEAR_REGRESSION);
        return factory.load(JsonStateReader.of(state.json()), new PluginContext() {});
    }

    /**
     * {@code logistic-regression}'s or {@code softmax-regression}'s model: {@code outputs} logits over
     * {@code features}, read by the head the engine's trainer would have chosen (one sigmoid with {@code threshold},
     * one-vs-rest sigmoids, or a softmax), its labels in the target's own type.
     */
    Model linearClassifier(
            String type,
            List<String> features,
            LinearOutputs fit,
            Task task,
            TargetClasses classes,
            double threshold,
            boolean oneVsRest) {
        JsonStateWriter state = JsonStateWriter.create();
        state.putStrings("features", features)
                .putDoubles("weight", fit.flatWeight())
                .putDoubles("bias", fit.bias());
        head(state.child("head"), task, fit.bias().length, classes, threshold, oneVsRest);
        return registry.models().get(type).load(JsonStateReader.of(state.json()), new PluginContext() {});
    }

    /**
     * {@code mlp}'s model: the trained {@code network}'s layers, read by the head the engine's trainer would have
     * chosen ({@code classes} null for regression).
     */
    Model mlp(
            List<String> features,
            Network network,
            Task task,
            TargetClasses classes,
            double threshold,
            boolean oneVsRest) {
        JsonStateWriter state = JsonStateWriter.create();
        state.putStrings("features", features);
        List<Dense> layers = network.layers();
        long[] sizes = new long[layers.size() + 1];
        sizes[0] = network.inputs();
        for (int l = 0; l < layers.size(); l++) {
            sizes[l + 1] = layers.get(l).outputs();
            state.putFloats(
                    layers.get(l).weight().name(), layers.get(l).weight().value());
            state.putFloats(layers.get(l).bias().name(), layers.get(l).bias().value());
        }
        state.putLongs("sizes", sizes)
                .putString("activation", network.activation().label())
                .putDouble("dropout", network.dropout());
        head(state.child("head"), task, network.outputs(), classes, threshold, oneVsRest);
        return registry.models().get(SparkSupport.MLP).load(JsonStateReader.of(state.json()), new PluginContext() {});
    }

    /** The engine's head state: regression (no classes), one sigmoid with its threshold, one-vs-rest or softmax. */
    private static void head(
            StateWriter head, Task task, int width, TargetClasses classes, double threshold, boolean oneVsRest) {
        head.putString("task", task.name()).putLong("width", width).putDouble("threshold", threshold);
        if (classes == null) {
            return;
        }
        if (oneVsRest) {
            head.putString("probabilities", "one-vs-rest");
        }
        head.putStrings("classes", classes.classes()).putString("targetType", classes.targetTypeJson());
    }

    /** The options a model plugin declares, with their defaults. */
    List<Option<?>> modelOptions(String type) {
        return registry.models().get(type).options();
    }

    private FittedTransform transform(String type, Consumer<StateWriter> write) {
        JsonStateWriter state = JsonStateWriter.create();
        write.accept(state);
        TransformFactory factory = registry.transforms().get(type);
        return factory.load(JsonStateReader.of(state.json()), new PluginContext() {});
    }
}
