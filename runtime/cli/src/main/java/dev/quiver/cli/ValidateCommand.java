package dev.quiver.cli;

import dev.quiver.runtime.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code quiver validate PIPELINE.yaml}: every problem at once, or ok; reads no data beyond schemas. */
@Command(name = "validate", description = "Check a pipeline without running it: every error, or ok.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a pipeline value; repeatable.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        Pipeline pipeline = main.quiver().load(file, sets);
        main.out.println("ok: " + file + " (pipeline '" + pipeline.name() + "', "
                + pipeline.model().task().label() + ", model "
                + pipeline.model().trainer().type() + ", "
                + pipeline.data().columns().features().size() + " features)");
        return 0;
    }
}
