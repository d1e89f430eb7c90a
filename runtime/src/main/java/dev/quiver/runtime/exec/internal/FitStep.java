package dev.quiver.runtime.exec.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.api.transform.Transform;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The one fit step that a run, each cross-validation fold and (through its run) each tuning trial go through:
 * fit the transforms in order on the training rows, compute the columns they output, train the model on the
 * transformed rows, and build the fitted pipeline that is then scored. The callers differ only in where the
 * memory comes from ({@link Stages}), which rows they count and which {@link FitContext} the trainer gets.
 *
 * <p>Holds the pipeline, the resolved task and the classes only, so one instance may serve several folds on
 * several threads at once (transforms and trainers are thread-safe by contract). Arrow memory belongs to the
 * allocators the caller passes; nothing here outlives the call that uses it except the fitted transforms and
 * model, which hold none.
 */
final class FitStep {

    /**
     * Runs a named piece of the step with an allocator: a run gives each piece its own stage (span, child
     * allocator, leak check), a fold runs every piece on the fold's allocator.
     */
    interface Stages {

        <T> T run(String name, Function<BufferAllocator, T> body);

        /** Every piece on {@code allocator}, unnamed (a fold's pieces are reported as the fold). */
        static Stages on(BufferAllocator allocator) {
            return new Stages() {
                @Override
                public <T> T run(String name, Function<BufferAllocator, T> body) {
                    return body.apply(allocator);
                }
            };
        }
    }

    /**
     * The transforms fitted on the training rows, in order, and the columns they output.
     *
     * @param fitted the fitted transforms (no Arrow memory)
     * @param columns the feature and target columns after every transform
     */
    record Transforms(List<FittedTransform> fitted, Columns columns) {

        Transforms {
            fitted = List.copyOf(fitted);
        }

        /** {@code raw} rows as the fitted transforms output them, lazily, batch by batch. */
        Source apply(Source raw) {
            return TransformedSource.of(raw, fitted);
        }
    }

    private final Pipeline pipeline;
    private final Task task;
    private final List<String> classes;

    /**
     * @param task the run's resolved task
     * @param classes the classes of all training rows, in the order every model predicts them
     */
    FitStep(Pipeline pipeline, Task task, List<String> classes) {
        this.pipeline = pipeline;
        this.task = task;
        this.classes = List.copyOf(classes);
    }

    /** Each transform fitted in turn (piece {@code fit.<type>}) on {@code train} as the ones before output it. */
    Transforms fitTransforms(Source train, Stages stages) {
        List<FittedTransform> fitted = new ArrayList<>();
        Columns columns = pipeline.data().columns();
        for (Named<Transform> transform : pipeline.data().transforms()) {
            Source rows = TransformedSource.of(train, fitted);
            Columns in = columns;
            FittedTransform f = stages.run(
                    "fit." + transform.type(),
                    allocator -> transform.component().fit(rows, in, allocator));
            columns = f.columns(columns);
            fitted.add(f);
        }
        return new Transforms(fitted, columns);
    }

    /** Transforms fitted elsewhere (an execution engine), in pipeline order, with the columns they output. */
    Transforms transforms(List<FittedTransform> fitted) {
        Columns columns = pipeline.data().columns();
        for (FittedTransform f : fitted) {
            columns = f.columns(columns);
        }
        return new Transforms(fitted, columns);
    }

    /**
     * What the trainer reads: {@code rows} (already transformed) with the transformed columns.
     *
     * @param validation the validation rows the trainer may watch (early stopping, plateau schedules), if any
     */
    TrainingData trainingData(Source rows, Transforms transforms, Optional<TrainingData> validation) {
        Schema schema = rows.schema();
        Columns columns = transforms.columns();
        Optional<Field> target = columns.target().map(name -> schema.getFields().stream()
                .filter(f -> f.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new QuiverException(
                        ErrorCode.INTERNAL,
                        "The transforms dropped the target column '" + name
                                + "'; transforms must pass the target through.")));
        return new PipelineData(rows, schema, columns.features(), target, task, classes, validation);
    }

    /** Trains the pipeline's model; a trainer returning null is a plugin bug. */
    Model train(TrainingData data, FitContext context) {
        Model model = pipeline.model().trainer().component().fit(data, context);
        if (model == null) {
            throw new QuiverException(
                    ErrorCode.INTERNAL,
                    "The model '" + pipeline.model().trainer().type() + "' returned no model from training.");
        }
        return model;
    }

    /** The fitted pipeline: raw rows of {@code rawSchema} in, through {@code transforms} and {@code model}. */
    FittedPipeline fitted(Schema rawSchema, Transforms transforms, Model model) {
        return new FittedPipeline(
                pipeline.name(),
                rawSchema,
                pipeline.data().columns().features(),
                pipeline.data().columns().target(),
                task,
                classes,
                transforms.fitted(),
                model);
    }

    /** The pipeline's metrics of {@code fitted} on {@code raw} rows, with nothing written and nothing counted. */
    Map<String, Double> score(FittedPipeline fitted, Source raw, BufferAllocator allocator) {
        return Evaluation.score(
                        fitted,
                        raw,
                        pipeline.metrics(),
                        pipeline.data().labels(),
                        allocator,
                        null,
                        PredictionsOutput.NONE,
                        n -> {})
                .values();
    }
}
