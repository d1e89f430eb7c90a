package dev.quiver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskTest {

    private static final Set<Task> BOTH = Set.of(Task.BINARY, Task.MULTICLASS);

    @Test
    void classificationResolvesOnceFromTheClassesAndTheTrainersTasks() {
        assertEquals(Task.BINARY, Task.CLASSIFICATION.resolve(List.of("a", "b"), BOTH, "y"));
        assertEquals(Task.MULTICLASS, Task.CLASSIFICATION.resolve(List.of("a", "b", "c"), BOTH, "y"));
        // A trainer without a binary mode learns two classes as a multi-class problem.
        assertEquals(Task.MULTICLASS, Task.CLASSIFICATION.resolve(List.of("a", "b"), Set.of(Task.MULTICLASS), "y"));
        // An explicit task is kept as written.
        assertEquals(Task.MULTICLASS, Task.MULTICLASS.resolve(List.of("a", "b"), BOTH, "y"));
        assertEquals(Task.REGRESSION, Task.REGRESSION.resolve(List.of(), BOTH, "y"));
    }

    @Test
    void tooFewOrTooManyClassesAreDataErrorsNamingTheTarget() {
        QuiverException one =
                assertThrows(QuiverException.class, () -> Task.CLASSIFICATION.resolve(List.of("a"), BOTH, "label"));
        assertEquals(ErrorCode.DATA, one.code());
        assertTrue(one.getMessage().contains("'label'") && one.getMessage().contains("[a]"), one.getMessage());
        QuiverException three =
                assertThrows(QuiverException.class, () -> Task.BINARY.resolve(List.of("a", "b", "c"), BOTH, "label"));
        assertTrue(three.getMessage().contains("binary"), three.getMessage());
    }

    @Test
    void anUnresolvedClassificationIsSupportedByEitherClassificationTask() {
        assertTrue(Task.CLASSIFICATION.isSupportedBy(Set.of(Task.BINARY)));
        assertTrue(Task.CLASSIFICATION.isSupportedBy(Set.of(Task.MULTICLASS)));
        assertFalse(Task.CLASSIFICATION.isSupportedBy(Set.of(Task.REGRESSION)));
        assertFalse(Task.CLASSIFICATION.isResolved());
        assertFalse(Task.BINARY.isSupportedBy(Set.of(Task.MULTICLASS)));
    }
}
