package dev.quiver.cli;

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
import dev.quiver.runtime.exec.internal.MemoryLimits;
import dev.quiver.runtime.exec.internal.RowLocations;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quiver predict --model RUN --input FILE --output FILE}: score new rows with a saved run. */
@Command(name = "predict", description = "Predict with a saved run: input columns plus prediction columns.")
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ModelOption model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Rows to predict (.csv, .arrow).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write (.csv, .arrow).")
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
            paramLabel = "local",
            defaultValue = "local",
            converter = EngineConverter.class,
            description = "Where to predict: local (the default and, today, the only engine; it streams the "
                    + "input batch by batch, so any file size fits). spark is refused: prediction on Spark is "
                    + "not built yet.")
    String engine = "local";

    @Override
    public Integer call() {
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
        if (onInvalid == OnInvalid.SKIP && read > rows) {
            main.err.println("Skipped " + (read - rows) + " of " + read + " rows with a missing, NaN, infinite or "
                    + "unreadable feature (--on-invalid skip).");
        }
        if (onInvalid == OnInvalid.NULL && nulls > 0) {
            main.err.println("Predicted null for " + nulls + " of " + read + " rows with a missing, NaN, infinite or "
                    + "unreadable feature (--on-invalid null).");
        }
        return 0;
    }

    /**
     * Accepts {@code local}. {@code spark} is refused with what to do instead rather than run locally unasked:
     * a pipeline's {@code execution: spark} covers fitting only, and a user asking for Spark here expects
     * per-partition output the local predict does not write.
     */
    static final class EngineConverter implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.equals("local")) {
                return value;
            }
            if (value.equals("spark")) {
                throw new picocli.CommandLine.TypeConversionException(
                        "predict does not run on Spark yet (only a pipeline's fit does, with execution: {engine: "
                                + "spark}); omit --engine to predict on the local engine, which streams the input "
                                + "batch by batch and writes one file, whatever engine fitted the run");
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not an engine; use local");
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
