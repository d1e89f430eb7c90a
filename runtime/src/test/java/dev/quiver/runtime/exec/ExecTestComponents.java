package dev.quiver.runtime.exec;

import dev.quiver.api.transform.TransformFactory;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.testing.TableData;
import java.nio.file.Path;
import java.util.List;

/** This package's test components, for tests in other packages. */
public final class ExecTestComponents {

    private ExecTestComponents() {}

    public static TransformFactory centerFactory() {
        return new CenterTransform();
    }

    /** y = 2x + 1 over x = 0..n-1, in batches of 16. */
    public static TableData numbers(int n) {
        return ExecutorTest.numbers(n);
    }

    /** {@code center} then the {@code mean} model, predicting price from area. */
    public static Pipeline centeredMean(TableData data, SplitSpec split, Path out) {
        return TestPipelines.regression(data, split, List.of(TestPipelines.center()), TestPipelines.mean(1), out);
    }
}
