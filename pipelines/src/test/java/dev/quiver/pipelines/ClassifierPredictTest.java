package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.testing.LeakCheckExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A saved classifier predicts into an Arrow file: labels in the target's type and one probability per class. */
@ExtendWith(LeakCheckExtension.class)
class ClassifierPredictTest {

    @TempDir
    Path temp;

    @Test
    void spamClassifierWritesLabelsAndProbabilities(BufferAllocator allocator) throws Exception {
        Path pipelines = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path run = temp.resolve("spam");
        PipelinesTest.Result trained = PipelinesTest.quiver(
                "run", pipelines.resolve("spam-naive-bayes.yaml").toString(), "--out", run.toString());
        assertEquals(0, trained.code(), trained.err());

        Path input = temp.resolve("messages.csv");
        Files.writeString(input, """
                free,winner,click,money,offer,prize,urgent,meeting,project,lunch,report,team,schedule,deadline
                3,2,2,1,1,1,1,0,0,0,0,0,0,0
                0,0,0,0,0,0,0,2,1,1,1,2,1,1
                """);
        Path output = temp.resolve("predicted.arrow");
        PipelinesTest.Result predicted = PipelinesTest.quiver(
                "predict", "--model", run.toString(), "--input", input.toString(), "--output", output.toString());
        assertEquals(0, predicted.code(), predicted.err());

        try (ArrowFileReader reader = new ArrowFileReader(Files.newByteChannel(output), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<String> columns =
                    root.getSchema().getFields().stream().map(Field::getName).toList();
            assertEquals(
                    List.of("prediction", "probability_ham", "probability_spam"),
                    columns.subList(columns.size() - 3, columns.size()));
            assertTrue(reader.loadNextBatch());
            assertEquals(2, root.getRowCount());
            VarCharVector label = (VarCharVector) root.getVector("prediction");
            assertEquals("spam", label.getObject(0).toString());
            assertEquals("ham", label.getObject(1).toString());
            Float8Vector ham = (Float8Vector) root.getVector("probability_ham");
            Float8Vector spam = (Float8Vector) root.getVector("probability_spam");
            for (int r = 0; r < 2; r++) {
                assertEquals(1.0, ham.get(r) + spam.get(r), 1e-9);
            }
            assertTrue(spam.get(0) > 0.9 && ham.get(1) > 0.9, "confident on textbook messages");
        }
    }
}
