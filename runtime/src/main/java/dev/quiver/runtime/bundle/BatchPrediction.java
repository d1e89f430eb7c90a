package dev.quiver.runtime.bundle;

import dev.quiver.api.transform.FittedTransform;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The batch path of {@link FittedPipeline#predict(VectorSchemaRoot, BufferAllocator, OnInvalid)}: conform the
 * input, run the transforms, check the model's inputs row by row, predict the valid rows and join the predictions
 * to the input as {@code onInvalid} says. Stateless; any thread may call it (the pipeline is thread-safe).
 */
final class BatchPrediction {

    private BatchPrediction() {}

    static VectorSchemaRoot predict(
            FittedPipeline pipeline,
            ModelInputCheck check,
            VectorSchemaRoot input,
            BufferAllocator allocator,
            OnInvalid onInvalid) {
        check.checkColumns(input.getSchema());
        int rows = input.getRowCount();
        RowProblems problems = new RowProblems(rows);
        VectorSchemaRoot predictions;
        VectorSchemaRoot current = InputConformer.conform(
                SharedRoots.share(input, allocator), pipeline.inputSchema(), pipeline.features(), problems, allocator);
        try {
            for (FittedTransform t : pipeline.transforms()) {
                VectorSchemaRoot next = t.apply(current, allocator);
                current.close();
                current = next;
            }
            check.checkModelInputs(input, current, problems);
            if (problems.count() > 0 && onInvalid == OnInvalid.ERROR) {
                throw problems.first();
            }
            predictions = problems.count() == 0
                    ? pipeline.model().predict(current, allocator)
                    : RowSelection.predictRows(pipeline.model(), current, problems.validRows(), allocator);
        } finally {
            current.close();
        }
        if (problems.count() == 0) {
            // With NULL every batch has the nullable columns of outputSchema(input, NULL), so a writer opened
            // with that schema takes batches with and without invalid rows alike.
            return SharedRoots.join(
                    input,
                    null,
                    onInvalid == OnInvalid.NULL ? RowSelection.nullable(predictions, allocator) : predictions,
                    rows,
                    allocator);
        }
        int[] valid = problems.validRows();
        if (onInvalid == OnInvalid.SKIP) {
            return SharedRoots.join(input, valid, predictions, valid.length, allocator);
        }
        try (VectorSchemaRoot owned = predictions) {
            return SharedRoots.join(input, null, RowSelection.spread(owned, valid, rows, allocator), rows, allocator);
        }
    }
}
