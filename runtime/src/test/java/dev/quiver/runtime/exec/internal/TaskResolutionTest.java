package dev.quiver.runtime.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.metric.Metric;
import dev.quiver.api.metric.Predictions;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.transform.Columns;
import dev.quiver.runtime.pipeline.DataPlan;
import dev.quiver.runtime.pipeline.ModelPlan;
import dev.quiver.runtime.pipeline.Named;
import dev.quiver.runtime.pipeline.OutputPlan;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.SplitSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The task is decided before data is read and resolved once when the classes are known; what was accepted for
 * "classification" but does not do the resolved kind fails then, as a DATA error naming it and the class count.
 */
class TaskResolutionTest {

    private record Tasks(Set<Task> tasks) implements Trainer, Metric {
        @Override
        public Model fit(TrainingData data, FitContext context) {
            throw new UnsupportedOperationException("not trained here");
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        public double compute(Predictions predictions) {
            return 0;
        }
    }

    private static final Tasks BOTH = new Tasks(Set.of(Task.BINARY, Task.MULTICLASS));
    private static final Tasks BINARY_ONLY = new Tasks(Set.of(Task.BINARY));

    private static Pipeline pipeline(Task task, Tasks trainer, Tasks metric) {
        return new Pipeline(
                Path.of("p.yaml"),
                "p",
                42,
                new DataPlan(null, new Columns(List.of("x"), Optional.of("y")), SplitSpec.NONE, List.of()),
                new ModelPlan(new Named<>("m", trainer, Map.of()), task, 0),
                List.of(new Named<Metric>("auc", metric, Map.of())),
                new OutputPlan(Path.of("out"), Map.of()));
    }

    @Test
    void classificationResolvesByTheClassCount() {
        assertEquals(Task.BINARY, TaskResolution.resolve(pipeline(Task.CLASSIFICATION, BOTH, BOTH), List.of("a", "b")));
        assertEquals(
                Task.MULTICLASS,
                TaskResolution.resolve(pipeline(Task.CLASSIFICATION, BOTH, BOTH), List.of("a", "b", "c")));
        assertEquals(
                Task.BINARY,
                TaskResolution.resolve(pipeline(Task.CLASSIFICATION, BINARY_ONLY, BINARY_ONLY), List.of("a", "b")));
    }

    @Test
    void aBinaryOnlyModelMeetingThreeClassesIsADataError() {
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> TaskResolution.resolve(pipeline(Task.CLASSIFICATION, BINARY_ONLY, BOTH), List.of("a", "b", "c")));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(
                e.getMessage().contains("hold 3 classes, so the task is multiclass, but model 'm' does binary"),
                e.getMessage());
    }

    @Test
    void aBinaryOnlyMetricMeetingThreeClassesIsADataError() {
        QuiverException e = assertThrows(
                QuiverException.class,
                () -> TaskResolution.resolve(pipeline(Task.CLASSIFICATION, BOTH, BINARY_ONLY), List.of("a", "b", "c")));
        assertEquals(ErrorCode.DATA, e.code());
        assertTrue(e.getMessage().contains("metric 'auc' is for binary"), e.getMessage());
    }

    @Test
    void anExplicitTaskIsLeftToItsPlanTimeChecks() {
        assertEquals(
                Task.MULTICLASS, TaskResolution.resolve(pipeline(Task.MULTICLASS, BOTH, BOTH), List.of("a", "b", "c")));
    }
}
