package dev.quiver.runtime.explain;

import dev.quiver.runtime.bundle.FittedPipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A linear model's learned weights by feature name: for linear regression one weight per feature, for logistic
 * regression the weights of the positive class's log-odds, for softmax regression one row per class. Features
 * are the model's input columns, after the transforms: a one-hot column is already named {@code column=value},
 * and a standardized column's weight is per standard deviation of the raw column. Any model whose
 * {@link dev.quiver.api.model.Model#describe()} holds an entry "weight" of {@code [outputs][features]} and a
 * "bias" of {@code [outputs]} (the engine's convention) is read. Immutable and thread-safe.
 *
 * @param features the model's input columns, in weight order
 * @param outputs what each weight row predicts: the target, the positive class, or each class
 * @param weights {@code [outputs][features]}
 * @param intercepts one per output
 */
public record Coefficients(List<String> features, List<String> outputs, double[][] weights, double[] intercepts) {

    /** The coefficients of {@code fitted}'s model, when it is linear. */
    public static Optional<Coefficients> of(FittedPipeline fitted) {
        Map<String, Object> described = fitted.model().describe();
        if (!(described.get("weight") instanceof double[][] weight)
                || !(described.get("bias") instanceof double[] bias)) {
            return Optional.empty();
        }
        List<String> features = fitted.model().features();
        if (weight.length == 0 || weight.length != bias.length || weight[0].length != features.size()) {
            return Optional.empty();
        }
        List<String> classes = fitted.classes();
        List<String> outputs = new ArrayList<>();
        if (weight.length == classes.size()) {
            outputs.addAll(classes);
        } else if (weight.length == 1 && classes.size() == 2) {
            outputs.add(classes.get(1)); // binary: the log-odds of the second (positive) class
        } else if (weight.length == 1) {
            outputs.add(fitted.target().orElse("output"));
        } else {
            for (int o = 0; o < weight.length; o++) {
                outputs.add("output " + o);
            }
        }
        return Optional.of(new Coefficients(List.copyOf(features), List.copyOf(outputs), weight, bias));
    }

    /** The weight of {@code feature} in {@code output}'s row. */
    public double weight(String output, String feature) {
        return weights[outputs.indexOf(output)][features.indexOf(feature)];
    }

    /** JSON-friendly: {@code {output: {"intercept": b, feature: w, ...}}}, features largest |weight| first. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int o = 0; o < outputs.size(); o++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("intercept", intercepts[o]);
            for (int f : byMagnitude(o)) {
                row.put(features.get(f), weights[o][f]);
            }
            json.put(outputs.get(o), row);
        }
        return json;
    }

    /** Feature indices of output {@code o}, largest absolute weight first (ties in feature order). */
    public List<Integer> byMagnitude(int o) {
        List<Integer> order = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            order.add(f);
        }
        order.sort((a, b) -> Double.compare(Math.abs(weights[o][b]), Math.abs(weights[o][a])));
        return order;
    }
}
