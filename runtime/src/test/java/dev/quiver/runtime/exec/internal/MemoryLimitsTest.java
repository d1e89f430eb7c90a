package dev.quiver.runtime.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.runtime.pipeline.DataPlan;
import dev.quiver.runtime.pipeline.ModelPlan;
import dev.quiver.runtime.pipeline.OutputPlan;
import dev.quiver.runtime.pipeline.Pipeline;
import dev.quiver.runtime.pipeline.SplitSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class MemoryLimitsTest {

    private static Pipeline pipeline(SplitSpec split, Map<String, Object> training) {
        return new Pipeline(
                Path.of("p.yaml"),
                "p",
                42,
                new DataPlan(null, null, split, List.of(), List.of()),
                new ModelPlan(null, null, false, training, Map.of(), 0),
                List.of(),
                new OutputPlan(Path.of("out"), Map.of()));
    }

    @Test
    void quiverMemoryReadsSizesWithUnits() {
        assertEquals(2L << 30, MemoryLimits.limit("2g"));
        assertEquals(512L << 20, MemoryLimits.limit(" 512M "));
        assertEquals(4096, MemoryLimits.limit("4096"));
        assertEquals(Long.MAX_VALUE, MemoryLimits.limit(null));
        assertEquals(Long.MAX_VALUE, MemoryLimits.limit(""));
        QuiverException e = assertThrows(QuiverException.class, () -> MemoryLimits.limit("lots"));
        assertEquals(ErrorCode.USAGE, e.code());
        assertEquals(
                "QUIVER_MEMORY=lots is not a memory size; write e.g. QUIVER_MEMORY=2g, 512m or a number of bytes.",
                e.getMessage());
    }

    @Test
    void anArrowLimitNamesTheLimitTheStageAndQuiverMemory() {
        try (BufferAllocator root = new RootAllocator(4096)) {
            OutOfMemoryException oom = assertThrows(
                    OutOfMemoryException.class, () -> root.buffer(8192).close());
            QuiverException e = MemoryLimits.arrowExhausted("train", root, oom);
            assertEquals(ErrorCode.DATA, e.code());
            assertTrue(e.getMessage().startsWith("Arrow memory limit 4k reached in stage 'train' ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("; raise QUIVER_MEMORY."), e.getMessage());
            assertFalse(e.getMessage().contains("heap"), e.getMessage());
        }
    }

    @Test
    void heapAdviceSuggestsSplitNoneOnlyWhenTheSourceIsNotStreamedAlready() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        String split = MemoryLimits.heapExhausted("split", pipeline(new SplitSpec(0.2, 0, false, 0), Map.of()), oom)
                .getMessage();
        assertTrue(
                split.startsWith("The Java heap ran out in stage 'split' (Java heap space). Give the JVM more heap "
                        + "with -Xmx, e.g. QUIVER_JAVA_OPTS=-Xmx4g, or stream the data: split: none"),
                split);

        String shuffled = MemoryLimits.heapExhausted("train", pipeline(SplitSpec.NONE, Map.of("epochs", 3)), oom)
                .getMessage();
        assertFalse(shuffled.contains("split: none"), shuffled);
        assertTrue(shuffled.contains("training.shuffle: false or a bounded training.shuffleBuffer"), shuffled);

        String streamed = MemoryLimits.heapExhausted(
                        "train", pipeline(SplitSpec.NONE, Map.of("shuffleBuffer", 1000)), oom)
                .getMessage();
        assertFalse(streamed.contains("split: none"), streamed);
        assertFalse(streamed.contains("shuffleBuffer"), streamed);
        assertTrue(streamed.contains("the pipeline already streams its rows"), streamed);
        assertEquals(
                ErrorCode.DATA,
                MemoryLimits.heapExhausted("train", pipeline(SplitSpec.NONE, Map.of()), oom)
                        .code());
    }
}
