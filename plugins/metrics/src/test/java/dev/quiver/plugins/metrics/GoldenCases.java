package dev.quiver.plugins.metrics;

import dev.quiver.api.Task;
import dev.quiver.api.metric.Predictions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code golden/metrics.txt}, written by {@code src/test/python/make_goldens.py} (format described there). */
record GoldenCases(List<GoldenCases.Case> cases) {

    /** One expected metric value, with the options it was computed with. */
    record Expected(String metric, Map<String, String> options, double value) {
        @Override
        public String toString() {
            return metric + (options.isEmpty() ? "" : " " + options);
        }
    }

    record Case(
            String name,
            Predictions predictions,
            List<Expected> metrics,
            Map<String, double[]> perClass,
            long[][] confusion) {}

    static GoldenCases load() {
        try (InputStream in = GoldenCases.class.getResourceAsStream("/golden/metrics.txt")) {
            if (in == null) {
                throw new IllegalStateException("golden/metrics.txt is missing; run src/test/python/make_goldens.py");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GoldenCases parse(String text) {
        List<Case> cases = new ArrayList<>();
        String name = null;
        Task task = null;
        List<String> classes = List.of();
        double[] actual = null;
        double[] predicted = null;
        double[][] proba = null;
        List<Expected> metrics = new ArrayList<>();
        Map<String, double[]> perClass = new LinkedHashMap<>();
        long[][] confusion = null;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] t = line.split(" ", -1);
            switch (t[0]) {
                case "case" -> {
                    name = t[1];
                    task = Task.valueOf(t[2]);
                    classes = t[3].isEmpty() ? List.of() : List.of(t[3].split(","));
                    proba = null;
                    confusion = null;
                    metrics = new ArrayList<>();
                    perClass = new LinkedHashMap<>();
                }
                case "actual" -> actual = numbers(t, 1);
                case "predicted" -> predicted = numbers(t, 1);
                case "proba" -> {
                    proba = new double[t.length - 1][];
                    for (int i = 1; i < t.length; i++) {
                        proba[i - 1] = Arrays.stream(t[i].split(","))
                                .mapToDouble(Double::parseDouble)
                                .toArray();
                    }
                }
                case "metric" -> {
                    Map<String, String> options = new LinkedHashMap<>();
                    for (int i = 2; i < t.length - 1; i++) {
                        String[] kv = t[i].split("=", 2);
                        options.put(kv[0], kv[1]);
                    }
                    metrics.add(new Expected(t[1], options, Double.parseDouble(t[t.length - 1])));
                }
                case "perclass" -> perClass.put(t[1], numbers(t, 2));
                case "confusion" -> {
                    String[] rows = line.substring("confusion ".length()).split(";");
                    confusion = new long[rows.length][];
                    for (int r = 0; r < rows.length; r++) {
                        confusion[r] = Arrays.stream(rows[r].split(" "))
                                .mapToLong(Long::parseLong)
                                .toArray();
                    }
                }
                case "end" ->
                    cases.add(new Case(
                            name,
                            new Predictions(task, classes, actual, predicted, proba),
                            List.copyOf(metrics),
                            Map.copyOf(perClass),
                            confusion));
                default -> throw new IllegalStateException("unexpected golden line: " + line);
            }
        }
        return new GoldenCases(List.copyOf(cases));
    }

    private static double[] numbers(String[] tokens, int from) {
        return Arrays.stream(tokens, from, tokens.length)
                .mapToDouble(Double::parseDouble)
                .toArray();
    }
}
