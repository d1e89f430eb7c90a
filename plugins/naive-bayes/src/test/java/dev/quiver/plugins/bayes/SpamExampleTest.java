package dev.quiver.plugins.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.model.Model;
import dev.quiver.testing.BatchContent;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The textbook example: trained on pipelines/data/spam.csv, multinomial naive Bayes calls "free winner click"
 * spam and "meeting project report" ham, with scikit-learn's probabilities.
 */
@ExtendWith(LeakCheckExtension.class)
class SpamExampleTest {

    @Test
    void freeWinnerClickIsSpamAndAWorkMessageIsNot(BufferAllocator allocator) {
        Model model =
                Fitting.fit(MapConfig.of("kind", "multinomial", "alpha", 1.0), Fitting.spam(), "label", allocator);
        assertEquals(List.of("ham", "spam"), model.classes());
        try (VectorSchemaRoot predictions = Fitting.predict(model, Golden.probes(), allocator)) {
            List<Object> spam = BatchContent.column(predictions, "probability_spam");
            assertTrue((Double) spam.get(0) > 0.9, "free winner click: " + spam.get(0));
            assertTrue((Double) spam.get(1) < 0.1, "meeting project report: " + spam.get(1));
            assertEquals(
                    List.of("spam", "ham", "ham"),
                    BatchContent.column(predictions, "prediction"),
                    "an empty message falls back to the prior, and ham is commoner");
            Golden.read("multinomial-spam-probes").assertMatches(predictions);
        }
    }

    @Test
    void bernoulliAgreesWithScikitLearnOnTheProbes(BufferAllocator allocator) {
        Model model = Fitting.fit(MapConfig.of("kind", "bernoulli"), Fitting.spam(), "label", allocator);
        try (VectorSchemaRoot predictions = Fitting.predict(model, Golden.probes(), allocator)) {
            Golden.read("bernoulli-spam-probes").assertMatches(predictions);
        }
    }
}
