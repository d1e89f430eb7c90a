package dev.quiver.cli;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.cli.internal.DataFiles;
import dev.quiver.cli.internal.ModelOption;
import dev.quiver.cli.internal.OutputPaths;
import dev.quiver.cli.internal.RowLocator;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.InvalidRowException;
import dev.quiver.runtime.bundle.OnInvalid;
import dev.quiver.runtime.exec.PredictionEngine;
import dev.quiver.runtime.exec.PredictionJob;
import dev.quiver.runtime.exec.PredictionSummary;
import dev.quiver.runtime.exec.internal.Engines;
import dev.quiver.runtime.exec.internal.MemoryLimits;
import dev.quiver.runtime.exec.internal.RowLocations;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quiver predict --model RUN --input FILE --output FILE}: score new rows with a saved run, locally or, with
 * {@code --engine spark}, on Spark into a folder of part files.
 */
@Command(name = "predict", description = "Predict with a saved run: input columns plus prediction columns.")
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ModelOption model;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "Rows to predict (.csv, .arrow, .parquet); with --engine spark also a folder of such files.")
    Path input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "Where to write (.csv, .arrow); with --engine spark a new or empty folder.")
    Path output;

    @Option(
            names = "--on-invalid",
            paramLabel = "error|skip|null",
            defaultValue = "error",
            converter = OnInvalidConverter.class,
            description = "A row with a missing, NaN, infinite or unreadable "
                    + "feature: fail naming it (error, the default), leave it out (skip) or predict null (null).")
    OnInvalid onInvalid = OnInvalid.ERROR;

    @Option(
            names = "--engine",
            paramLabel = "local|spark",
            defaultValue = "local",
            converter = EngineConverter.class,
            description = "Where to predict: local (the default; it streams the input batch by batch into one "
                    + "file) or spark (needs the quiver-runtime-spark jar and Spark on the class path; --output is "
                    + "then a folder of part-NNNNN files and _SUCCESS).")
    String engine = "local";

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "With --engine spark: local[N] or spark://host:port; default: the running Spark "
                    + "application's (spark-submit).")
    String master;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "With --engine spark: how many splits to read the input in (default: Spark's default "
                    + "parallelism).")
    Integer partitions;

    @Option(
            names = "--format",
            paramLabel = "arrow|csv",
            description = "With --engine spark: the part files' format; default: csv when the --output folder's "
                    + "name ends in .csv, else arrow.")
    String format;

    @Override
    public Integer call() {
        if (engine.equals("spark")) {
            // Found by name through ServiceLoader, as quiver run finds the Spark engine: the command line never
            // links to Spark. Checked before anything is read, so a missing jar is the one message.
            PredictionEngine spark = Engines.predictor("spark")
                    .orElseThrow(() -> new QuiverException(
                            ErrorCode.USAGE, "predict --engine spark needs " + Engines.KNOWN.get("spark") + "."));
            Path run = model.run();
            OutputPaths.refuseOverwriting(output, "--output", input, "--input", run, "--model");
            return onSpark(spark, run);
        }
        for (Object sparkOnly : new Object[] {master, partitions, format}) {
            if (sparkOnly != null) {
                throw new QuiverException(
                        ErrorCode.USAGE, "--master, --partitions and --format are options of --engine spark.");
            }
        }
        Path run = model.run();
        OutputPaths.refuseOverwriting(output, "--output", input, "--input", run, "--model");
        Quiver quiver = main.quiver();
        FittedPipeline fitted = quiver.loadModel(run);
        RowLocator source = new RowLocator(DataFiles.source(quiver.registry(), input, "--input"), input);
        Sink sink = DataFiles.sink(quiver.registry(), output, "--output");
        long rows = 0;
        long read = 0;
        long nulls = 0;
        try (BufferAllocator allocator = MemoryLimits.rootAllocator();
                BatchReader reader = source.open(allocator);
                SinkWriter writer = sink.open(fitted.outputSchema(source.schema(), onInvalid), allocator)) {
            while (reader.loadNextBatch()) {
                long before = read;
                read += reader.root().getRowCount();
                try (VectorSchemaRoot predictions = RowLocations.locating(
                        source, reader, before, () -> fitted.predict(reader.root(), allocator, onInvalid))) {
                    writer.write(predictions);
                    rows += predictions.getRowCount();
                    nulls += predictions.getVector(PredictionColumns.PREDICTION).getNullCount();
                } catch (InvalidRowException e) {
                    throw source.locate(e);
                }
            }
            writer.commit();
        }
        main.out.println("Wrote " + rows + " prediction" + (rows == 1 ? "" : "s") + " to " + output);
        reportInvalid(read, rows, nulls);
        return 0;
    }

    /** Hands the prediction to the Spark module and prints what it wrote and scored. */
    private int onSpark(PredictionEngine spark, Path run) {
        Map<String, String> options = new LinkedHashMap<>();
        if (master != null) {
            options.put("master", master);
        }
        if (partitions != null) {
            options.put("partitions", partitions.toString());
        }
        String chosen =
                format != null ? format : output.getFileName().toString().endsWith(".csv") ? "csv" : "arrow";
        if (!chosen.equals("csv") && !chosen.equals("arrow")) {
            throw new QuiverException(ErrorCode.USAGE, "--format " + format + ": use arrow or csv.");
        }
        PredictionSummary done = spark.predict(new PredictionJob(run, input, output, chosen, onInvalid, options));
        main.out.println("Wrote " + done.written() + " prediction" + (done.written() == 1 ? "" : "s") + " to "
                + output + " (" + done.files().size() + " part file"
                + (done.files().size() == 1 ? "" : "s")
                + ", on Spark)");
        if (!done.metrics().isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>();
            done.metrics().forEach((k, v) -> values.put(k, Double.isFinite(v) ? v : null));
            main.out.println("Scored against the input's target (aggregated on Spark):");
            main.out.print(MetricsTable.scores(values, Map.of()));
        }
        reportInvalid(done.read(), done.written(), done.nulls());
        return 0;
    }

    private void reportInvalid(long read, long rows, long nulls) {
        if (onInvalid == OnInvalid.SKIP && read > rows) {
            main.err.println("Skipped " + (read - rows) + " of " + read + " rows with a missing, NaN, infinite or "
                    + "unreadable feature (--on-invalid skip).");
        }
        if (onInvalid == OnInvalid.NULL && nulls > 0) {
            main.err.println("Predicted null for " + nulls + " of " + read + " rows with a missing, NaN, infinite or "
                    + "unreadable feature (--on-invalid null).");
        }
    }

    /** Accepts {@code local} and {@code spark}; whether Spark is on the class path is checked when it runs. */
    static final class EngineConverter implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.equals("local") || value.equals("spark")) {
                return value;
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "'" + value + "' is not an engine; use local or spark");
        }
    }

    /** Parses {@code error}, {@code skip} or {@code null}, naming them when the value is none of these. */
    static final class OnInvalidConverter implements picocli.CommandLine.ITypeConverter<OnInvalid> {
        @Override
        public OnInvalid convert(String value) {
            for (OnInvalid o : OnInvalid.values()) {
                if (o.label().equals(value)) {
                    return o;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not one of error, skip, null");
        }
    }
}
