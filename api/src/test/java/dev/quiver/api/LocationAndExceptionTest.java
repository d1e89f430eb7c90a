package dev.quiver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocationAndExceptionTest {

    @Test
    void problemsRenderAsFileLineColumnMessageAndKeyPath() {
        Problem p = new Problem(new Location("iris.yaml", 7, 12, "training.optimizer.lr"), "must be > 0, got -1");
        assertEquals("iris.yaml:7:12: must be > 0, got -1 [training.optimizer.lr]", p.toString());
        assertEquals("<command line>", Location.unknown("seed").position());
    }

    @Test
    void aConfigFailureListsEveryProblemAndExitsWithTwo() {
        QuiverException e = QuiverException.config(List.of(
                new Problem(new Location("p.yaml", 1, 1, "modle"), "unknown key 'modle'; did you mean 'model'?"),
                new Problem(new Location("p.yaml", 4, 9, "split.test"), "must be in (0, 1), got 2")));
        assertEquals(2, e.problems().size());
        assertEquals(2, e.code().exitCode());
        assertEquals(
                "Invalid pipeline (2 problems):\n"
                        + "p.yaml:1:1: unknown key 'modle'; did you mean 'model'? [modle]\n"
                        + "p.yaml:4:9: must be in (0, 1), got 2 [split.test]",
                e.getMessage());
    }

    @Test
    void aDataFailureNamesFileLineAndColumn() {
        QuiverException e = QuiverException.data("houses.csv", 12, "area", "cannot read 'abc' as float64");
        assertEquals(ErrorCode.DATA, e.code());
        assertEquals(3, e.code().exitCode());
        assertEquals("houses.csv:12 column 'area': cannot read 'abc' as float64", e.getMessage());
    }
}
