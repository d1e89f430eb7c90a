package dev.quiver.cli;

import dev.quiver.runtime.export.ExportFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quiver export --model RUN_DIR --format onnx --output model.onnx}: a saved run as a portable model. */
@Command(name = "export", description = "Export a saved run (transforms and model) to a portable format: onnx.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "RUN",
            description = "A run history (its LATEST run), a run folder or HISTORY/RUN_ID.")
    Path model;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT", description = "onnx (the default).")
    String format;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The file to write (replaced).")
    Path output;

    @Override
    public Integer call() {
        ExportFormat f = ExportFormat.of(format);
        main.quiver().export(model, f, output);
        main.out.println("Exported " + model + " as " + f.label() + " to " + output);
        return 0;
    }
}
