package dev.quiver.runtime.testplugins;

import dev.quiver.api.config.Option;
import dev.quiver.runtime.exec.DistributedFit;
import dev.quiver.runtime.exec.EngineRun;
import dev.quiver.runtime.exec.ExecutionEngine;
import dev.quiver.runtime.exec.RunResult;
import java.util.List;

/**
 * Test execution engine {@code remote-test} (registered in the test class path's services): "fits" a {@code mean}
 * model whose value is {@code 10 x workers} without reading a row, so a test can tell that its fit step, not the
 * local one, produced the saved model, and that the section's option reached it.
 */
public final class RemoteTestEngine implements ExecutionEngine {

    static final Option<Integer> WORKERS =
            Option.integer("workers", 1).atLeast(1).describe("How many workers the engine pretends to have.");

    @Override
    public String name() {
        return "remote-test";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(WORKERS);
    }

    @Override
    public RunResult run(EngineRun run) {
        int workers = ((Number) run.executionOptions().getOrDefault(WORKERS.name(), 1)).intValue();
        List<String> features = run.pipeline().data().plannedFeatures();
        return run.complete((task, classes, context) ->
                new DistributedFit.Result(List.of(), new MeanModel.Mean(10.0 * workers, features), 0));
    }
}
