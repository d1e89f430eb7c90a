package dev.quiver.cli;

import dev.quiver.cli.internal.ModelOption;
import dev.quiver.runtime.export.ExportFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code quiver export --model RUN --format onnx --output model.onnx}: a saved run as a portable model. */
@Command(name = "export", description = "Export a saved run (transforms and model) to a portable format: onnx.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ModelOption model;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT", description = "onnx (the default).")
    String format;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The file to write (replaced).")
    Path output;

    @Override
    public Integer call() {
        ExportFormat f = ExportFormat.of(format);
        main.quiver().export(model.reference(), f, output);
        main.out.println("Exported " + model.reference() + " as " + f.label() + " to " + output);
        return 0;
    }
}
