package dev.quiver.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private static final List<String> KEYS = List.of("learningRate", "momentum", "weightDecay", "nesterov");

    @Test
    void suggestsTheNearestKeyIgnoringCaseDashesAndUnderscores() {
        assertEquals(Optional.of("learningRate"), DidYouMean.suggest("learning_rate", KEYS));
        assertEquals(Optional.of("weightDecay"), DidYouMean.suggest("weight-decay", KEYS));
        assertEquals(Optional.of("momentum"), DidYouMean.suggest("momentun", KEYS));
    }

    @Test
    void countsAnAdjacentTranspositionAsOneEdit() {
        assertEquals(1, DidYouMean.distance("nesterov", "nestreov"));
        assertEquals(Optional.of("nesterov"), DidYouMean.suggest("nestreov", KEYS));
    }

    @Test
    void staysQuietWhenNothingIsPlausiblyMeant() {
        assertEquals(Optional.empty(), DidYouMean.suggest("epochs", KEYS));
        assertEquals(Optional.empty(), DidYouMean.suggest("x", List.of()));
        assertEquals("", DidYouMean.hint("zzz", KEYS));
    }

    @Test
    void hintIsReadyToAppendToAMessage() {
        assertEquals("; did you mean 'momentum'?", DidYouMean.hint("momentom", KEYS));
    }
}
