package dev.quiver.engine.lm;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.TrainingData;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** A source's windows as a trainer sees them, with its validation part. For the lm tests; immutable. */
record Data(Source train, Optional<TrainingData> heldOut) implements TrainingData {
    @Override
    public Schema schema() {
        return train.schema();
    }

    @Override
    public List<String> features() {
        return train.schema().getFields().stream().map(Field::getName).toList();
    }

    @Override
    public Optional<Field> target() {
        return Optional.empty();
    }

    @Override
    public Task task() {
        return Task.LANGUAGE_MODEL;
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    @Override
    public OptionalLong rows() {
        return OptionalLong.empty();
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        return train.open(allocator);
    }

    @Override
    public Optional<TrainingData> validation() {
        return heldOut;
    }
}
