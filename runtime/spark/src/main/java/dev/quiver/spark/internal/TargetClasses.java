package dev.quiver.spark.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.SourceSplit;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.runtime.exec.internal.ClassSet;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A classifier's classes collected on Spark in one pass: each task reads its split's target column and returns
 * the distinct label texts ({@link ClassLabels#labelOf}, as a local run spells them) with the column's Arrow type;
 * the driver unites the sets and orders them as the local run does ({@link ClassSet#sorted}: numeric order for a
 * numeric target), so the class indices, and thus the model's outputs, mean the same on both. Immutable.
 *
 * @param classes the classes, in the order the model predicts them
 * @param targetType the target column's Arrow type, in which predicted labels are written
 */
public record TargetClasses(List<String> classes, ArrowType targetType) {

    public TargetClasses {
        classes = List.copyOf(classes);
    }

    /** The labels as the model's {@link ClassLabels}. */
    public ClassLabels labels() {
        return new ClassLabels(classes, targetType);
    }

    /** The target type as the engine's models save it: the JSON of a one-field schema. */
    String targetTypeJson() {
        return new Schema(List.of(new Field("target", new FieldType(true, targetType, null), null))).toJson();
    }

    /** Collects the classes of {@code target} over every split; an empty target cell is a data error. */
    public static TargetClasses collect(JavaSparkContext spark, List<SourceSplit> splits, String target) {
        Found found = spark.parallelize(splits, splits.size())
                .map(split -> labels(split, target))
                .reduce(Found::union);
        if (found.typeJson() == null) {
            throw new QuiverException(ErrorCode.DATA, "no rows to collect the classes of '" + target + "' from.");
        }
        ArrowType type = typeOf(found.typeJson());
        return new TargetClasses(ClassSet.sorted(found.labels(), type), type);
    }

    /** One split's distinct labels, and its target field (as JSON: Arrow's types are not serializable). */
    record Found(Set<String> labels, String typeJson) implements Serializable {
        private static final long serialVersionUID = 1L;

        Found union(Found other) {
            Set<String> all = new HashSet<>(labels);
            all.addAll(other.labels);
            return new Found(all, typeJson != null ? typeJson : other.typeJson);
        }
    }

    private static final BufferAllocator ROOT = new RootAllocator();

    private static Found labels(SourceSplit split, String target) {
        Set<String> seen = new HashSet<>();
        String type = null;
        try (BufferAllocator task = ROOT.newChildAllocator("spark-classes", 0, Long.MAX_VALUE);
                BatchReader reader = split.open(task)) {
            while (reader.loadNextBatch()) {
                FieldVector column = reader.root().getVector(target);
                type = new Schema(List.of(column.getField())).toJson();
                for (int r = 0; r < reader.root().getRowCount(); r++) {
                    String label = ClassLabels.labelOf(column, r);
                    if (label == null) {
                        String where = reader.line(r) > 0 ? ", line " + reader.line(r) : ", row " + (r + 1);
                        throw new QuiverException(
                                ErrorCode.DATA,
                                split.describe() + where + " column '" + target + "': the target is empty; drop"
                                        + " or impute rows without a label before training a classifier.");
                    }
                    seen.add(label);
                }
            }
        }
        return new Found(seen, type);
    }

    private static ArrowType typeOf(String schemaJson) {
        try {
            return Schema.fromJSON(schemaJson).getFields().get(0).getType();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
