package dev.quiver.runtime.bundle;

import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.Model;
import dev.quiver.api.transform.FittedTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A trained pipeline, ready to predict: the fitted transforms and the model, as a run produced them or as
 * {@link RunBundle#load} rebuilt them from a run folder.
 *
 * <p>Immutable; {@link #predict} is safe to call from many threads at once (the transforms and the model are
 * immutable and thread-safe by contract), so a service shares one instance across request threads.
 *
 * @param name the pipeline's name
 * @param inputSchema the schema of the data the pipeline was trained on (target included)
 * @param features the feature columns as the user named them, before transforms: what {@link #predict} needs
 * @param target the target column, absent for clustering
 * @param task what the model predicts
 * @param classes the class labels in index order (classification), empty otherwise
 * @param transforms the fitted transforms, in order
 * @param model the fitted model
 */
public record FittedPipeline(String name, Schema inputSchema, List<String> features, Optional<String> target,
        Task task, List<String> classes, List<FittedTransform> transforms, Model model) {

    public FittedPipeline {
        features = List.copyOf(features);
        classes = List.copyOf(classes);
        transforms = List.copyOf(transforms);
    }

    /**
     * Predicts every row of {@code input}: applies the transforms, then the model. Returns a new root, owned by
     * the caller and allocated from {@code allocator}, with every column of {@code input} (shared with it, not
     * copied) followed by the model's {@link Model#predictionFields() prediction columns}. {@code input} is only
     * read; it must hold the {@link #features()} columns and may hold anything else (the target, ids).
     *
     * @throws QuiverException ({@link dev.quiver.api.ErrorCode#DATA}) when a feature column is missing or the
     *     input already has a column named like a prediction column
     */
    public VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator) {
        checkColumns(input.getSchema());
        VectorSchemaRoot predictions;
        VectorSchemaRoot current = share(input, allocator);
        try {
            for (FittedTransform t : transforms) {
                VectorSchemaRoot next = t.apply(current, allocator);
                current.close();
                current = next;
            }
            predictions = model.predict(current, allocator);
        } finally {
            current.close();
        }
        List<Field> fields = new ArrayList<>(input.getSchema().getFields());
        List<FieldVector> vectors = new ArrayList<>();
        try (VectorSchemaRoot shared = share(input, allocator); VectorSchemaRoot owned = predictions) {
            for (FieldVector v : shared.getFieldVectors()) {
                vectors.add(move(v, allocator));
            }
            for (FieldVector v : owned.getFieldVectors()) {
                fields.add(v.getField());
                vectors.add(move(v, allocator));
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(fields, vectors, input.getRowCount());
    }

    /** The schema {@link #predict} returns for an input of {@code input}. */
    public Schema outputSchema(Schema input) {
        List<Field> fields = new ArrayList<>(input.getFields());
        fields.addAll(model.predictionFields());
        return new Schema(fields);
    }

    private void checkColumns(Schema schema) {
        Set<String> present = schema.getFields().stream().map(Field::getName).collect(Collectors.toSet());
        for (String feature : features) {
            if (!present.contains(feature)) {
                throw new QuiverException(dev.quiver.api.ErrorCode.DATA, "The input has no column '" + feature
                        + "', which the model '" + name + "' needs. Its columns are "
                        + schema.getFields().stream().map(Field::getName).toList() + "; the model needs "
                        + features + ".");
            }
        }
        for (Field f : model.predictionFields()) {
            if (present.contains(f.getName())) {
                throw new QuiverException(dev.quiver.api.ErrorCode.DATA, "The input already has a column named '"
                        + f.getName() + "', which is where the prediction goes; rename or drop it first.");
            }
        }
    }

    /** A root over the same buffers as {@code input} (reference-counted), so transforms may move its vectors. */
    private static VectorSchemaRoot share(VectorSchemaRoot input, BufferAllocator allocator) {
        int rows = input.getRowCount();
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (FieldVector v : input.getFieldVectors()) {
                TransferPair pair = v.getTransferPair(allocator);
                if (rows > 0) {
                    pair.splitAndTransfer(0, rows);
                }
                vectors.add((FieldVector) pair.getTo());
            }
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return new VectorSchemaRoot(input.getSchema().getFields(), vectors, rows);
    }

    private static FieldVector move(FieldVector v, BufferAllocator allocator) {
        TransferPair pair = v.getTransferPair(allocator);
        pair.transfer();
        return (FieldVector) pair.getTo();
    }
}
