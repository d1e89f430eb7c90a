package dev.quiver.runtime.exec;

import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.transform.Columns;
import dev.quiver.api.transform.Transform;
import dev.quiver.runtime.pipeline.DataPlan;
import dev.quiver.runtime.pipeline.ModelPlan;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.OutputPlan;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.runtime.testplugins.AccuracyMetric;
import dev.quiver.runtime.testplugins.MajorityModel;
import dev.quiver.runtime.testplugins.MeanModel;
import dev.quiver.runtime.testplugins.MseMetric;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.TableData;
import dev.quiver.testing.TestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pipelines built in code (no loader), from the runtime's test plugins and this package's. */
final class TestPipelines {

    private TestPipelines() {}

    /** The textbook house prices: price = area + 50. */
    static TableData housePrices() {
        return TableData.builder()
                .name("houses")
                .doubles("area", 80.0, 100.0, 120.0, 140.0, 160.0)
                .doubles("price", 130.0, 150.0, 170.0, 190.0, 210.0)
                .build();
    }

    static Trainer mean(int epochs) {
        return new MeanModel.MeanTrainer(0.0, epochs);
    }

    static Trainer majority() {
        return new MajorityModel().create(MapConfig.of(), new TestContext());
    }

    static Named<Metric> mse() {
        return new Named<>("mse", new MseMetric().create(MapConfig.of(), new TestContext()), Map.of());
    }

    static Named<Metric> accuracy() {
        return new Named<>("accuracy", new AccuracyMetric().create(MapConfig.of(), new TestContext()), Map.of());
    }

    static Named<Transform> center() {
        return new Named<>("center", new CenterTransform().create(MapConfig.of(), new TestContext()), Map.of());
    }

    static Pipeline regression(
            Source source, SplitSpec split, List<Named<Transform>> transforms, Trainer trainer, Path out) {
        return pipeline(
                source,
                new Columns(List.of("area"), Optional.of("price")),
                Task.REGRESSION,
                split,
                transforms,
                new Named<>("mean", trainer, Map.of()),
                List.of(mse()),
                out,
                0);
    }

    static Pipeline pipeline(
            Source source,
            Columns columns,
            Task task,
            SplitSpec split,
            List<Named<Transform>> transforms,
            Named<Trainer> model,
            List<Named<Metric>> metrics,
            Path out,
            int checkpointEvery) {
        Map<String, Object> document =
                Map.of("version", 1, "name", "test", "seed", 42, "model", Map.of("type", model.type()));
        return new Pipeline(
                Path.of("test.yaml"),
                "test",
                42,
                new DataPlan(new Named<>("table", source, Map.of()), columns, split, transforms),
                new ModelPlan(model, task, checkpointEvery),
                metrics,
                new OutputPlan(out, document));
    }
}
