package dev.quiver.runtime.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {

    private static final int TASKS = 40;

    @Test
    void resultsComeInTaskOrderWhateverTheThreadCount() {
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            int n = i;
            work.add(() -> {
                Thread.sleep((TASKS - n) % 3); // later tasks tend to finish first
                return n * n;
            });
        }
        List<Integer> one = Parallel.runAll(work, 1);
        assertEquals(one, Parallel.runAll(work, 4));
        assertEquals(39 * 39, one.get(39));
    }

    @Test
    void afterAFailureNoFurtherTaskStartsAndEveryRunningOneHasEnded() {
        QuiverException failure = new QuiverException(ErrorCode.DATA, "trial 1 failed");
        AtomicInteger started = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        List<Callable<Integer>> work = new ArrayList<>();
        work.add(() -> {
            started.incrementAndGet();
            throw failure;
        });
        for (int i = 1; i < TASKS; i++) {
            work.add(() -> {
                started.incrementAndGet();
                running.incrementAndGet();
                try {
                    Thread.sleep(50);
                    return 0;
                } finally {
                    running.decrementAndGet();
                }
            });
        }
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> Parallel.runAll(work, 2));
        assertSame(failure, thrown, "the task's own exception");
        assertEquals(0, running.get(), "tasks that had started were waited for");
        // without stopping, all 40 would run (1 s on two threads); half of them take 0.5 s to start
        assertTrue(started.get() < TASKS / 2, "only " + started.get() + " of " + TASKS + " should have started");
    }

    @Test
    void theFirstFailureInTaskOrderIsRethrownOnOneThread() {
        AtomicInteger started = new AtomicInteger();
        List<Callable<Integer>> work = List.of(
                () -> {
                    started.incrementAndGet();
                    return 1;
                },
                () -> {
                    started.incrementAndGet();
                    throw new IllegalStateException("second");
                },
                () -> {
                    started.incrementAndGet();
                    return 3;
                });
        assertEquals(
                "second",
                assertThrows(IllegalStateException.class, () -> Parallel.runAll(work, 1))
                        .getMessage());
        assertEquals(2, started.get());
    }
}
