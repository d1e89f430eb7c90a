package dev.quiver.spark.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.InvalidRowException;
import dev.quiver.runtime.bundle.OnInvalid;
import dev.quiver.runtime.bundle.RunBundle;
import dev.quiver.spark.TaskPlugins;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * What every task of a prediction on Spark runs, for its one split: loads the saved run (once per executor JVM and
 * run, through the plugins on the executor's class path), streams the split batch by batch through
 * {@link FittedPipeline#predict}, the very code of the local {@code quiver predict}, into its part file (written
 * aside and renamed into the staging folder by the sink plugin), and tallies the metrics' sums when the input has
 * the target. Arrow memory comes from a child of the JVM's root allocator, closed (leak-checked) before the task
 * returns. Immutable and serializable (shipped to every task); any task thread.
 *
 * @param run the run folder, readable at this path where the tasks run
 * @param marker the run's {@code quiver-run.json} as the driver read it: a run replaced at the same path is loaded
 *     again
 * @param schema the input's schema, as JSON (so an empty split still writes a part file with the header)
 * @param format the sink plugin's name ({@code arrow}, {@code csv})
 * @param staging the folder the part files are committed to
 * @param scoreTarget the target to score against; null when the input has none
 */
record PartitionPrediction(
        String run,
        String marker,
        String schema,
        String format,
        OnInvalid onInvalid,
        String staging,
        String scoreTarget,
        List<String> classes)
        implements FlatMapFunction<Iterator<PartitionPrediction.Part>, PartitionPrediction.Written> {

    private static final long serialVersionUID = 1L;

    /** Fitted pipelines by run folder and marker: immutable and thread-safe, so one serves every task. */
    private static final Map<String, FittedPipeline> RUNS = new ConcurrentHashMap<>();

    /** One split, its index in the input (which numbers its part file) and the file it reads. */
    record Part(int index, dev.quiver.api.data.SourceSplit split, String file) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What one task wrote.
     *
     * @param name the part file's name in the staging folder
     * @param tally the metrics' sums, null when not scoring
     */
    record Written(int index, String name, long read, long written, long nulls, ScoreTally tally)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The part file's name for split {@code index}: {@code part-00007.arrow}. */
    static String name(int index, String format) {
        return String.format(java.util.Locale.ROOT, "part-%05d.%s", index, format);
    }

    @Override
    public Iterator<Written> call(Iterator<Part> parts) {
        FittedPipeline fitted =
                RUNS.computeIfAbsent(run + "\n" + marker, key -> RunBundle.load(Path.of(run), TaskPlugins.registry()));
        Schema input;
        try {
            input = Schema.fromJSON(schema);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the shipped input schema is not Arrow's JSON", e);
        }
        HashMap<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        List<Written> written = new java.util.ArrayList<>();
        while (parts.hasNext()) {
            written.add(write(parts.next(), fitted, input, classIndex));
        }
        return written.iterator();
    }

    private Written write(Part part, FittedPipeline fitted, Schema input, Map<String, Integer> classIndex) {
        String name = name(part.index(), format);
        Sink sink = TaskPlugins.sink(format)
                .create(
                        new DefaultsConfig(
                                "sink", Map.of("path", Path.of(staging, name).toString())),
                        PredictionInput.FILES);
        ScoreTally tally = scoreTarget == null ? null : new ScoreTally(classIndex.size());
        long read = 0;
        long rows = 0;
        long nulls = 0;
        try (BufferAllocator allocator =
                        SplitPass.ROOT.newChildAllocator("spark-predict-" + part.index(), 0, Long.MAX_VALUE);
                BatchReader reader = part.split().open(allocator);
                SinkWriter writer = sink.open(fitted.outputSchema(input, onInvalid), allocator)) {
            while (reader.loadNextBatch()) {
                long before = read;
                read += reader.root().getRowCount();
                try (VectorSchemaRoot predictions = fitted.predict(reader.root(), allocator, onInvalid)) {
                    writer.write(predictions);
                    rows += predictions.getRowCount();
                    nulls += ArrowColumns.vector(predictions, PredictionColumns.PREDICTION)
                            .getNullCount();
                    if (tally != null) {
                        DistributedScores.add(
                                tally,
                                ArrowColumns.vector(predictions, scoreTarget),
                                ArrowColumns.vector(predictions, PredictionColumns.PREDICTION),
                                classIndex);
                    }
                } catch (InvalidRowException e) {
                    throw located(e, part, reader, before);
                } catch (QuiverException e) {
                    // a transform's error about a row of the batch, located as local predict does (RowLocations)
                    if (e.batchRow() < 0) {
                        throw e.locate(part.file(), 0);
                    }
                    long line = reader.line(e.batchRow());
                    throw e.locate(part.file(), line > 0 ? line : before + e.batchRow() + 1);
                }
            }
            writer.commit();
        }
        return new Written(part.index(), name, read, rows, nulls, tally);
    }

    /**
     * The row's place as local predict names it: {@code file:line} where the reader knows lines (csv, whose
     * splits count their true lines), else the split and the row within it.
     */
    private static QuiverException located(InvalidRowException e, Part part, BatchReader reader, long before) {
        long line = reader.line(e.row());
        if (line > 0) {
            return e.locatedAt(part.file() + ":" + line);
        }
        if (part.split().describe().equals(part.file())) {
            return e.locatedAt(part.file() + " row " + (before + e.row()) + " (0-based)");
        }
        return e.locatedAt(part.split().describe() + " row " + (before + e.row()) + " (0-based, of this split)");
    }
}
