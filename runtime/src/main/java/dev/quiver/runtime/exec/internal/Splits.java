package dev.quiver.runtime.exec.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.SplitSpec;
import dev.quiver.runtime.telemetry.RunTelemetry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The raw (untransformed) rows of each split, and the classes of the training rows. With {@code split: none}
 * the training rows are the source itself, streamed, unless the trainer holds them in memory anyway
 * ({@link #trainsInMemory}); otherwise, and then, in-memory tables read in one pass, closed with this object.
 * Confined to the run's thread.
 */
record Splits(
        Source train, Optional<Source> validation, Optional<Source> test, List<String> classes, List<Table> tables)
        implements AutoCloseable {

    static Splits prepare(Pipeline pipeline, Stage stage, BufferAllocator owner, RunTelemetry telemetry) {
        Source source = pipeline.data().source().component();
        SplitSpec spec = pipeline.data().split();
        Optional<String> target = pipeline.data().columns().target();
        boolean classification = pipeline.model().task().isClassification() && target.isPresent();
        Optional<Source> heldOut = source.validationRows();
        if (heldOut.isPresent()) {
            // The source split its rows itself (a text corpus, by position); both parts stream from it.
            return new Splits(source, heldOut, Optional.empty(), List.of(), List.of());
        }
        if (spec.isNone() && !trainsInMemory(pipeline)) {
            List<String> classes =
                    classification ? ClassSet.scan(source, target.get(), stage.allocator(), () -> {}) : List.of();
            return new Splits(source, Optional.empty(), Optional.empty(), classes, List.of());
        }
        if (spec.isNone()) {
            return whole(source, classification ? target : Optional.empty(), stage, owner, telemetry);
        }
        List<Table> tables = new ArrayList<>();
        try (Table all = Table.read(source, stage.allocator(), owner, rows -> telemetry.batch(stage.name(), rows))) {
            String[] labels = classification ? all.labels(target.get()) : null;
            ArrowType targetType =
                    target.map(t -> all.schema().findField(t).getType()).orElse(null);
            if (classification) {
                ClassSet.of(labels, targetType, source.describe(), target.get());
            }
            Splitter.Split split = Splitter.split(all.rows(), spec, pipeline.seed(), spec.stratify() ? labels : null);
            Table train = all.select(split.train(), owner);
            tables.add(train);
            List<String> classes = classification
                    ? ClassSet.of(pick(labels, split.train()), targetType, source.describe(), target.get())
                    : List.of();
            Optional<Source> validation = Optional.empty();
            Optional<Source> test = Optional.empty();
            if (split.validation().length > 0) {
                checkKnown(labels, split.validation(), classes, "validation", source, target);
                Table t = all.select(split.validation(), owner);
                tables.add(t);
                validation = Optional.of(t.asSource(source.describe() + " (validation rows)"));
            }
            if (split.test().length > 0) {
                checkKnown(labels, split.test(), classes, "test", source, target);
                Table t = all.select(split.test(), owner);
                tables.add(t);
                test = Optional.of(t.asSource(source.describe() + " (test rows)"));
            }
            return new Splits(
                    train.asSource(source.describe() + " (training rows)"),
                    validation,
                    test,
                    classes,
                    List.copyOf(tables));
        } catch (RuntimeException e) {
            tables.forEach(Table::close);
            throw e;
        }
    }

    /**
     * Whether the trainer holds every training row in memory anyway (shuffle over all rows or full batch), so the
     * one read that loads the source can also give the classes, the transforms' statistics, training and
     * evaluation: the source is read once instead of once for the classes, once to train and once to evaluate.
     * Trainers without a {@code training:} setup (closed-form solvers, naive Bayes, Tribuo), streamed
     * training and distributed engines (whose workers read their own splits) keep streaming, so their memory stays near one batch.
     */
    static boolean trainsInMemory(Pipeline pipeline) {
        return pipeline.execution().isLocal()
                && !pipeline.model().training().isEmpty()
                && pipeline.model().training().values().stream().noneMatch(TrainingSetup::streams);
    }

    /** {@code split: none} of an in-memory run: every row read once into one table that trains and is scored. */
    private static Splits whole(
            Source source, Optional<String> classTarget, Stage stage, BufferAllocator owner, RunTelemetry telemetry) {
        Table all = Table.read(source, stage.allocator(), owner, rows -> telemetry.batch(stage.name(), rows));
        try {
            List<String> classes = classTarget
                    .map(t ->
                            ClassSet.of(all.labels(t), all.schema().findField(t).getType(), source.describe(), t))
                    .orElse(List.of());
            return new Splits(
                    all.asSource(source.describe()), Optional.empty(), Optional.empty(), classes, List.of(all));
        } catch (RuntimeException e) {
            all.close();
            throw e;
        }
    }

    /** The training rows as a table (they come first in {@link #tables}); empty with split: none. */
    /** The training rows that cross-validation divides into folds (only a split with folds has them in memory). */
    Table foldRows() {
        return trainTable().orElseThrow(() -> new IllegalStateException("folds without a split"));
    }

    /**
     * The fold rows' labels for stratified folds: when the split stratifies, the task is classification and there
     * is a target; null for plain folds.
     */
    String[] foldLabels(Pipeline pipeline, Task task) {
        Optional<String> target = pipeline.data().columns().target();
        boolean stratify = pipeline.data().split().stratify() && task.isClassification() && target.isPresent();
        return stratify ? foldRows().labels(target.get()) : null;
    }

    Optional<Table> trainTable() {
        return tables.isEmpty() ? Optional.empty() : Optional.of(tables.get(0));
    }

    private static String[] pick(String[] labels, int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }

    private static void checkKnown(
            String[] labels, int[] rows, List<String> classes, String split, Source source, Optional<String> target) {
        if (labels == null) {
            return;
        }
        Set<String> known = new HashSet<>(classes);
        for (int row : rows) {
            if (!known.contains(labels[row])) {
                throw QuiverException.data(
                        source.describe(),
                        0,
                        target.orElse(""),
                        "label '" + labels[row]
                                + "' occurs in the " + split + " rows but not in the training rows " + classes
                                + ", so the "
                                + "model could not learn it. Use split: {stratify: true}, which keeps every class in "
                                + "training, or drop the rare class.");
            }
        }
    }

    @Override
    public void close() {
        tables.forEach(Table::close);
    }
}
