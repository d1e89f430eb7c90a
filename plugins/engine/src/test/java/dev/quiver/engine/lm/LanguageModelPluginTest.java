package dev.quiver.engine.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.api.Task;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.api.model.Generation;
import dev.quiver.api.model.LanguageModel;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.engine.text.BpeTokenizer;
import dev.quiver.engine.text.ByteTokenizer;
import dev.quiver.engine.text.CharTokenizer;
import dev.quiver.engine.text.TextStream;
import dev.quiver.engine.text.Tokenizer;
import dev.quiver.engine.text.TokenizerText;
import dev.quiver.testing.LeakCheckExtension;
import dev.quiver.testing.MapConfig;
import dev.quiver.testing.MemoryState;
import dev.quiver.testing.TestContext;
import dev.quiver.testing.TestFitContext;
import dev.quiver.testing.TestTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The text source, the tokenizer's trip through the schema, streaming decoding and the transformer-lm plugin. */
@ExtendWith(LeakCheckExtension.class)
class LanguageModelPluginTest {

    @TempDir
    Path temp;

    private Source source(String text, Map<String, Object> options) throws IOException {
        Files.writeString(temp.resolve("corpus.txt"), text);
        List<Object> kv = new ArrayList<>(List.of("path", "corpus.txt"));
        options.forEach((k, v) -> {
            kv.add(k);
            kv.add(v);
        });
        MapConfig config = MapConfig.of(kv.toArray());
        Source made = new TextSourceFactory().create(config, new TestContext(temp, 1));
        config.assertNoProblems();
        return made;
    }

    private static List<int[]> rows(Source source, BufferAllocator allocator) {
        List<int[]> out = new ArrayList<>();
        try (BatchReader reader = source.open(allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                for (int r = 0; r < root.getRowCount(); r++) {
                    int[] row = new int[root.getFieldVectors().size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = ((IntVector) root.getVector(c)).get(r);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    @Test
    void windowsAreContiguousAndTheSplitIsByPosition(BufferAllocator allocator) throws IOException {
        // 40 characters: the first 30 train, the last 10 are held out.
        String text = "abcdefghijklmnopqrstuvwxyzABCDmnopqrstuv";
        Source source = source(text, Map.of("context", 4, "validation", 0.25));
        CharTokenizer chars = CharTokenizer.fit(text);
        assertEquals(5, source.schema().getFields().size());
        Tokenizer carried =
                TokenizerText.read(source.schema().getCustomMetadata().get(TokenizerText.METADATA_KEY));
        assertEquals(30, carried.vocabSize(), "the alphabet of the whole file");
        List<int[]> train = rows(source, allocator);
        // stride = context: windows start at 0, 4, ..., 24 (the last ends at token 28 of 30)
        assertEquals(7, train.size());
        assertArrayEquals(chars.encode("efghi"), train.get(1));
        Source heldOut = source.validationRows().orElseThrow();
        assertTrue(heldOut.validationRows().isEmpty());
        List<int[]> validation = rows(heldOut, allocator);
        assertEquals(2, validation.size());
        assertArrayEquals(chars.encode("mnopq"), validation.get(0));

        // A character only the validation part has is in the char alphabet too, so the held-out part encodes.
        Source unseen = source("abcdefghijklmnopqrstuvwxyzABCDmnopqrsZuv", Map.of("context", 4, "validation", 0.25));
        assertEquals(31, unseen.schema().getFields().isEmpty() ? 0 : vocab(unseen));
        assertEquals(2, rows(unseen.validationRows().orElseThrow(), allocator).size());

        Source bytes = source(text, Map.of("context", 4, "validation", 0.25, "tokenizer", Map.of("type", "byte")));
        List<int[]> held = rows(bytes.validationRows().orElseThrow(), allocator);
        assertEquals(2, held.size());
        assertArrayEquals(new ByteTokenizer().encode("mnopq"), held.get(0));
    }

    @Test
    void tokenizersSurviveTheSchemaAndStreamWholeCharacters() {
        BpeTokenizer bpe = BpeTokenizer.train("héllo héllo wörld wörld ", 270);
        Tokenizer back = TokenizerText.read(TokenizerText.write(bpe));
        assertArrayEquals(bpe.encode("héllo wörld"), back.encode("héllo wörld"));
        CharTokenizer chars = CharTokenizer.fit("abcé");
        assertArrayEquals(
                chars.encode("éa"),
                TokenizerText.read(TokenizerText.write(chars)).encode("éa"));

        // "é" is two UTF-8 bytes: the first byte token gives nothing, the second the character.
        TextStream stream = new TextStream(new ByteTokenizer());
        int[] ids = new ByteTokenizer().encode("aé");
        assertEquals("a", stream.add(ids[0]));
        assertEquals("", stream.add(ids[1]));
        assertEquals("é", stream.add(ids[2]));
        assertEquals("", stream.finish());
    }

    @Test
    void trainsReproduciblySavesAndReloadsExactly(BufferAllocator allocator) throws IOException {
        String text = "to be or not to be, that is the question. ".repeat(12);
        Source source = source(text, Map.of("context", 16, "validation", 0.2, "tokenizer", Map.of("type", "byte")));
        Data data =
                new Data(source, Optional.of(new Data(source.validationRows().orElseThrow(), Optional.empty())));
        TransformerLmFactory factory = new TransformerLmFactory();
        MapConfig modelConfig = MapConfig.of("layers", 1, "heads", 2, "dim", 16);
        var trainer = factory.create(modelConfig, new TestContext());
        TrainingSetup setup = TestTraining.setup(
                trainer,
                Task.LANGUAGE_MODEL,
                Map.of(
                        "steps",
                        12,
                        "batchSize",
                        4,
                        "clip",
                        Map.of("maxNorm", 1.0),
                        "schedule",
                        Map.of("type", "cosine", "warmupSteps", 3)));
        assertEquals(12, setup.steps());
        TestFitContext first = new TestFitContext(allocator, 5, setup);
        Model a = trainer.fit(data, first);
        Model b = trainer.fit(data, new TestFitContext(allocator, 5, setup));
        MemoryState savedA = new MemoryState();
        a.save(savedA);
        MemoryState savedB = new MemoryState();
        b.save(savedB);
        assertArrayEquals(
                savedA.reader().child("weights").getFloats("h0.attn.qkv.weight"),
                savedB.reader().child("weights").getFloats("h0.attn.qkv.weight"),
                "the same seed gives the same model");
        // 12 steps, a row every ceil(12 / 10) = 2 steps (a pass is 7 steps of 4 of the 25 windows)
        assertEquals(6, first.epochs().size(), "a history row every tenth of the steps: " + first.epochs());
        assertTrue(Double.isFinite(first.epochs().get(5).validationLoss()));
        assertTrue(first.epochs().get(5).trainLoss() < first.epochs().get(0).trainLoss(), "it learns");

        LanguageModel reloaded = (LanguageModel) factory.load(savedA.reader(), new TestContext());
        Generation greedy = new Generation(30, 0, 0, 1, 0);
        StringBuilder streamed = new StringBuilder();
        String text1 = ((LanguageModel) a).generate("to be", greedy, streamed::append);
        assertEquals(text1, streamed.toString());
        assertEquals(text1, reloaded.generate("to be", greedy, s -> {}));
        try (BatchReader reader = source.open(allocator);
                VectorSchemaRoot p1 = load(reader) ? a.predict(reader.root(), allocator) : null;
                VectorSchemaRoot p2 = reloaded.predict(reader.root(), allocator)) {
            Float8Vector x = (Float8Vector) p1.getVector(0);
            Float8Vector y = (Float8Vector) p2.getVector(0);
            assertEquals(reader.root().getRowCount(), x.getValueCount());
            for (int r = 0; r < x.getValueCount(); r++) {
                assertEquals(x.get(r), y.get(r));
                assertTrue(x.get(r) > 0 && x.get(r) < Math.log(256) + 1, "a window's mean cross-entropy");
            }
        }
    }

    private static int vocab(Source source) {
        return TokenizerText.read(source.schema().getCustomMetadata().get(TokenizerText.METADATA_KEY))
                .vocabSize();
    }

    private static boolean load(BatchReader reader) {
        assertTrue(reader.loadNextBatch());
        return true;
    }
}
