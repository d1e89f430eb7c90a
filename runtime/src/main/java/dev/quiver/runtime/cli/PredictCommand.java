package dev.quiver.runtime.cli;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Sink;
import dev.quiver.api.data.SinkWriter;
import dev.quiver.api.data.Source;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.cli.internal.DataFiles;
import dev.quiver.runtime.cli.internal.OutputPaths;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quiver predict --model RUN --input FILE --output FILE}: score new rows with a saved run. */
@Command(name = "predict", description = "Predict with a saved run: input columns plus prediction columns.")
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "A run folder.")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Rows to predict (.csv, .arrow).")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write (.csv, .arrow).")
    Path output;

    @Override
    public Integer call() {
        OutputPaths.refuseOverwriting(output, "--output", input, "--input", model, "--model");
        Quiver quiver = main.quiver();
        FittedPipeline fitted = quiver.loadModel(model);
        Source source = DataFiles.source(quiver.registry(), input, "--input");
        Sink sink = DataFiles.sink(quiver.registry(), output, "--output");
        long rows = 0;
        try (BufferAllocator allocator = new RootAllocator();
                BatchReader reader = source.open(allocator);
                SinkWriter writer = sink.open(fitted.outputSchema(source.schema()), allocator)) {
            while (reader.loadNextBatch()) {
                try (VectorSchemaRoot predictions = fitted.predict(reader.root(), allocator)) {
                    writer.write(predictions);
                    rows += predictions.getRowCount();
                }
            }
            writer.commit();
        }
        main.out.println("Wrote " + rows + " prediction" + (rows == 1 ? "" : "s") + " to " + output);
        return 0;
    }
}
