package dev.quiver.runtime.bundle;

import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.Generation;
import dev.quiver.api.model.LanguageModel;
import dev.quiver.api.model.Model;
import dev.quiver.api.transform.FittedTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A trained pipeline, ready to predict: the fitted transforms and the model, as a run produced them or as
 * {@link RunBundle#load} rebuilt them from a run folder.
 *
 * <p>Two ways in. The Arrow path, {@link #predict(VectorSchemaRoot, BufferAllocator)}, takes a batch and an
 * allocator the caller owns and returns a root the caller owns. The row path ({@link #predict(List)},
 * {@link #predictColumns(Map)}, {@link #predict(double[][])}) takes plain Java values, builds the batch of the
 * {@link #featureNames()} columns in the trained types, runs the Arrow path on a child allocator of the one this
 * pipeline {@linkplain #servedFrom serves from} (closed, leak-checked, before the call returns), and returns
 * immutable {@link Predictions}; both paths give the same bits.
 *
 * <p>Immutable and thread-safe: every {@code predict} may be called from many threads at once (the transforms
 * and the model are immutable and thread-safe by contract), so a service shares one instance across request
 * threads. It holds no resource of its own (each row-path call allocates and frees its own child allocator),
 * so it needs no closing; the allocator it serves from belongs to whoever made it (the {@code Quiver}).
 */
public final class FittedPipeline {

    private final String name;
    private final Schema inputSchema;
    private final List<String> features;
    private final Optional<String> target;
    private final Task task;
    private final List<String> classes;
    private final List<FittedTransform> transforms;
    private final Model model;
    private final List<String> featureNames;
    private final BufferAllocator servedFrom;
    private final ModelInputCheck check;

    /**
     * @param name the pipeline's name
     * @param inputSchema the schema of the data the pipeline was trained on (target included)
     * @param features the feature columns as the user named them, before transforms: what {@link #predict}
     *     needs
     * @param target the target column, absent for clustering
     * @param task what the model predicts
     * @param classes the class labels in index order (classification), empty otherwise
     * @param transforms the fitted transforms, in order
     * @param model the fitted model
     */
    public FittedPipeline(
            String name,
            Schema inputSchema,
            List<String> features,
            Optional<String> target,
            Task task,
            List<String> classes,
            List<FittedTransform> transforms,
            Model model) {
        this(name, inputSchema, features, target, task, classes, transforms, model, null);
    }

    private FittedPipeline(
            String name,
            Schema inputSchema,
            List<String> features,
            Optional<String> target,
            Task task,
            List<String> classes,
            List<FittedTransform> transforms,
            Model model,
            BufferAllocator servedFrom) {
        this.name = name;
        this.inputSchema = inputSchema;
        this.features = List.copyOf(features);
        this.target = target;
        this.task = task;
        this.classes = List.copyOf(classes);
        this.transforms = List.copyOf(transforms);
        this.model = model;
        this.featureNames = inputSchema.getFields().stream()
                .map(Field::getName)
                .filter(this.features::contains)
                .toList();
        this.servedFrom = servedFrom;
        this.check = new ModelInputCheck(name, this.features, model);
    }

    /**
     * This pipeline, with the row path allocating from child allocators of {@code allocator} (which the caller
     * keeps owning and must not close while predictions are running).
     */
    public FittedPipeline servedFrom(BufferAllocator allocator) {
        return new FittedPipeline(
                name,
                inputSchema,
                features,
                target,
                task,
                classes,
                transforms,
                model,
                Objects.requireNonNull(allocator));
    }

    /** The pipeline's name. */
    public String name() {
        return name;
    }

    /** The schema of the data the pipeline was trained on (target included). */
    public Schema inputSchema() {
        return inputSchema;
    }

    /** The feature columns as the user named them, before transforms, in the pipeline's order. */
    public List<String> features() {
        return features;
    }

    /**
     * The feature columns in the order of the saved input schema: the columns a row must hold, and the order of
     * the values in each row of {@link #predict(double[][])}.
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The target column, absent for clustering. */
    public Optional<String> target() {
        return target;
    }

    /** What the model predicts. */
    public Task task() {
        return task;
    }

    /** The class labels in index order (classification), empty otherwise. */
    public List<String> classes() {
        return classes;
    }

    /** The fitted transforms, in order. */
    public List<FittedTransform> transforms() {
        return transforms;
    }

    /** The fitted model. */
    public Model model() {
        return model;
    }

    /**
     * Continues {@code prompt} with the pipeline's language model, handing each piece of text to {@code onText}
     * as soon as it is drawn (see {@link LanguageModel#generate}); returns the whole continuation. Any thread may
     * call it, as often as it likes.
     *
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#USAGE}) when the model is not a language model, or
     *     for a prompt its tokenizer cannot encode
     */
    public String generate(String prompt, Generation generation, Consumer<String> onText) {
        if (!(model instanceof LanguageModel lm)) {
            throw new QuiverException(
                    dev.quiver.api.ErrorCode.USAGE,
                    "The pipeline '" + name + "' has a " + model.type() + " model for " + task.label()
                            + ", which does not generate text; generate needs a language model (model: {type:"
                            + " transformer-lm} on a text source).");
        }
        return lm.generate(prompt, generation, onText == null ? piece -> {} : onText);
    }

    /**
     * Predicts rows given as maps from column name to value: a {@link Number} for a numeric feature (an integer
     * feature takes whole numbers only), a {@link CharSequence} for a text one, a {@link Boolean} for a boolean
     * one; {@code null} is a missing cell. Keys that are not features are ignored.
     *
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#DATA}) naming the row (0-based) and column of a
     *     missing key, a value of the wrong type, or a cell the model cannot score (missing, NaN or infinite
     *     after the transforms: an {@link InvalidRowException})
     */
    public Predictions predict(List<? extends Map<String, ?>> rows) {
        return predictBatch(allocator -> RowBatch.fromRows(rows, this, allocator));
    }

    /**
     * Predicts rows given column by column: each feature name mapped to a {@code double[]}, {@code float[]},
     * {@code long[]}, {@code int[]}, {@code boolean[]}, an {@code Object[]} or a {@link List} of values (the
     * cell rules of {@link #predict(List)}), all of one length. Other keys are ignored.
     *
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#DATA}) as {@link #predict(List)}, and when the
     *     columns differ in length or a value is not one of those arrays
     */
    public Predictions predictColumns(Map<String, ?> columns) {
        return predictBatch(allocator -> RowBatch.fromColumns(columns, this, allocator));
    }

    /**
     * Predicts rows of numbers, each holding one value per {@link #featureNames()} column in that order (NaN is
     * missing, as in a float64 batch). Only for pipelines whose features are all numeric.
     *
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#DATA}) naming the row of a row of the wrong
     *     length, and as {@link #predict(List)}
     */
    public Predictions predict(double[][] rows) {
        return predictBatch(allocator -> RowBatch.fromMatrix(rows, this, allocator));
    }

    private Predictions predictBatch(Function<BufferAllocator, VectorSchemaRoot> batch) {
        if (servedFrom == null) {
            throw new IllegalStateException("This FittedPipeline has no allocator for the row path: get it from"
                    + " Quiver.loadModel or RunResult.fitted, or call servedFrom(allocator) first.");
        }
        try (BufferAllocator allocator = servedFrom.newChildAllocator("predict." + name, 0, Long.MAX_VALUE);
                VectorSchemaRoot input = batch.apply(allocator);
                VectorSchemaRoot output = predict(input, allocator)) {
            return PredictionReader.read(output, task, classes);
        }
    }

    /**
     * Predicts every row of {@code input} with {@link OnInvalid#ERROR}: a row the model cannot score fails the
     * whole batch with an {@link InvalidRowException}, as training would reject it.
     *
     * @see #predict(VectorSchemaRoot, BufferAllocator, OnInvalid)
     */
    public VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator) {
        return predict(input, allocator, OnInvalid.ERROR);
    }

    /**
     * Predicts every row of {@code input}: converts the feature columns to the training schema's types (an
     * integer column where float64 was trained is fine), applies the transforms, checks the model's inputs,
     * then runs the model. Returns a new root, owned by the caller and allocated from {@code allocator}, with
     * every column of {@code input} (shared with it, not copied) followed by the model's
     * {@link Model#predictionFields() prediction columns}. {@code input} is only read; it must hold the
     * {@link #features()} columns and may hold anything else (the target, ids).
     *
     * <p>A row is invalid when a feature the model reads is missing, NaN or infinite after the transforms (so an
     * {@code impute} transform fills missing cells first), or a cell cannot be read as its trained type (text in
     * a numeric column). {@code onInvalid} says what then happens: {@link OnInvalid#ERROR} throws an
     * {@link InvalidRowException} for the first such row (its 0-based batch row and column);
     * {@link OnInvalid#SKIP} leaves those rows out of the output (fewer rows than {@code input});
     * {@link OnInvalid#NULL} keeps them with null predictions.
     *
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#DATA}) when a feature column is missing or of a
     *     type that cannot be converted, or the input already has a column named like a prediction column
     */
    public VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator, OnInvalid onInvalid) {
        return BatchPrediction.predict(this, check, input, allocator, onInvalid);
    }

    /** The schema {@link #predict} returns for an input of {@code input}. */
    public Schema outputSchema(Schema input) {
        return outputSchema(input, OnInvalid.ERROR);
    }

    /** The schema {@link #predict} returns for an input of {@code input}: with {@code NULL}, nullable predictions. */
    public Schema outputSchema(Schema input, OnInvalid onInvalid) {
        List<Field> fields = new ArrayList<>(input.getFields());
        for (Field f : model.predictionFields()) {
            fields.add(onInvalid == OnInvalid.NULL ? RowSelection.nullable(f) : f);
        }
        return new Schema(fields);
    }
}
