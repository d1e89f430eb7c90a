package com.example.iris;

import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.Prediction;
import dev.quiver.runtime.exec.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a host application keeps: one {@link Quiver} for the process and one immutable {@link FittedPipeline}
 * that every request thread shares. Thread-safe once built; {@link #close} after the last request.
 */
public final class IrisService implements AutoCloseable {

    /** A pipeline built in code as YAML text; {@code data/iris.csv} resolves against the base folder. */
    private static final String PIPELINE = """
            version: 1
            name: iris-service
            seed: 7
            source: {type: csv, path: data/iris.csv}
            columns: {target: species}
            split: {test: 0.3, stratify: true}
            transforms: [{type: standardize}]
            model: {type: softmax-regression}
            training: {optimizer: {type: adam, lr: 0.05}, epochs: 200}
            evaluate: [accuracy]
            output: {dir: runs/iris}
            """;

    private final Quiver quiver;
    private final RunResult run;
    private final FittedPipeline model;

    private IrisService(Quiver quiver, RunResult run, FittedPipeline model) {
        this.quiver = quiver;
        this.run = run;
        this.model = model;
    }

    /** Trains on {@code base/data/iris.csv}, saves the run in the history {@code base/runs/iris} and loads it back. */
    public static IrisService train(Path base) {
        Quiver quiver = Quiver.create();
        try {
            RunResult run = quiver.run(quiver.pipeline(PIPELINE, base));
            return new IrisService(quiver, run, quiver.loadModel(run.directory()));
        } catch (RuntimeException e) {
            quiver.close();
            throw e;
        }
    }

    public double testAccuracy() {
        return run.metric("accuracy");
    }

    public Path runFolder() {
        return run.directory();
    }

    /** The species of each flower (maps of the four measurements), in order. */
    public List<String> species(List<Map<String, ?>> flowers) {
        return model.predict(flowers).stream().map(Prediction::label).toList();
    }

    /** The probability of each species for one flower. */
    public Map<String, Double> probabilities(Map<String, ?> flower) {
        return model.predict(List.of(flower)).get(0).probabilities();
    }

    @Override
    public void close() {
        quiver.close();
    }
}
