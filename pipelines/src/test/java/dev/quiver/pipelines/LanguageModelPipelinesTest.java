package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.model.Generation;
import dev.quiver.engine.text.Tokenizer;
import dev.quiver.engine.text.TokenizerText;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.bundle.FittedPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language-model examples ({@code pipelines/*-gpt.yaml}) and the checks that measure them: 2-digit addition
 * completed on held-out sums, one repeated sentence memorised, validation perplexity on the GPL-3 text against its
 * unigram baseline, generation through {@code quiver generate} and the Java API, and the text source's errors.
 */
class LanguageModelPipelinesTest {

    private static final Path PIPELINES =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private static PipelinesTest.Result quiver(String... args) {
        return PipelinesTest.quiver(args);
    }

    private static JsonNode metrics(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    }

    /** {@code split.perplexity} of metrics.json, which must be there. */
    private static double perplexity(Path run, String split) throws IOException {
        JsonNode value = metrics(run).path(split).path("perplexity");
        assertTrue(value.isNumber(), () -> "no " + split + ".perplexity in " + metricsText(run));
        return value.asDouble();
    }

    @Test
    @Tag("slow") // 3000 training steps, about 3.5 minutes on 2 cores: .ci/run runs it in its slow-tests step
    void additionPipelineCompletesHeldOutSums() throws IOException, InterruptedException {
        Path run = temp.resolve("addition");
        runInVectorJvm(PIPELINES.resolve("addition-gpt.yaml"), run, 30);
        List<String> heldOut = Files.readAllLines(PIPELINES.resolve("data/addition-heldout.txt"));
        assertEquals(810, heldOut.size());
        try (Quiver quiver = Quiver.create()) {
            FittedPipeline model = quiver.loadModel(run);
            int correct = 0;
            List<String> wrong = new ArrayList<>();
            for (String line : heldOut) {
                String prompt = line.substring(0, line.indexOf('=') + 1);
                String expected = line.substring(line.indexOf('=') + 1) + "\n";
                // Greedy: the most likely answer, as many characters as the right one has. A prompt starts a view, as a
                // line
                // starts each training window.
                String answer = model.generate(prompt, new Generation(expected.length(), 0, 0, 1, 0), null);
                if (answer.equals(expected)) {
                    correct++;
                } else if (wrong.size() < 8) {
                    wrong.add(prompt + answer.strip());
                }
            }
            double accuracy = correct / (double) heldOut.size();
            System.out.printf("addition-gpt: held-out exact completions %.3f%n", accuracy);
            assertTrue(accuracy >= 0.95, "held-out exact completions " + accuracy + ", e.g. " + wrong);
        }
        // Perplexity counts every token, the random operands too, which the completion-only loss never learns.
        // (The held-out sums are in their own file, so the pipeline trains on every line of addition.txt.)
        assertTrue(perplexity(run, "train") > 1);
        JsonNode training = metrics(run).path("training");
        System.out.printf(
                "addition-gpt: trained in %.1f s, %.0f windows/s of 10 tokens%n",
                training.path("seconds").asDouble(),
                training.path("rowsPerSecond").asDouble());
    }

    /**
     * {@code quiver run PIPELINE --out RUN} in a child JVM with the vector kernel (this one has none), for the
     * longest trainings; fails with the child's output unless it succeeds within {@code minutes}.
     */
    private void runInVectorJvm(Path pipeline, Path run, int minutes) throws IOException, InterruptedException {
        Path log = temp.resolve(run.getFileName() + ".log");
        Process process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-cp",
                        System.getProperty("java.class.path"),
                        dev.quiver.cli.Main.class.getName(),
                        "run",
                        pipeline.toString(),
                        "--out",
                        run.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(minutes, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(pipeline.getFileName() + " did not finish in " + minutes + " minutes");
        }
        assertEquals(0, process.exitValue(), () -> readQuietly(log));
    }

    @Test
    @Tag("slow") // 200 steps of a 2-layer model on BPE tokens, about a minute on 2 cores
    void tinyGptBeatsItsUnigramBaselineAndGenerates() throws IOException, InterruptedException {
        Path run = temp.resolve("tiny-gpt");
        runInVectorJvm(PIPELINES.resolve("tiny-gpt.yaml"), run, 10);
        // The baseline on the run's own BPE tokens: the same cut (the last tenth of the characters held out),
        // token frequencies of the training part, add-one smoothed over the vocabulary.
        String text = Files.readString(PIPELINES.resolve("data/gpl-3.txt"), StandardCharsets.UTF_8);
        int points = text.codePointCount(0, text.length());
        int cut = text.offsetByCodePoints(0, points - (int) Math.round(points * 0.1));
        JsonNode metadata =
                new ObjectMapper().readTree(run.resolve("schema.json").toFile()).path("metadata");
        String tokenizerLine = null;
        for (JsonNode entry : metadata) {
            if (entry.path("key").asText().equals(TokenizerText.METADATA_KEY)) {
                tokenizerLine = entry.path("value").asText();
            }
        }
        assertTrue(tokenizerLine != null && tokenizerLine.startsWith("bpe:"), metadata::toString);
        Tokenizer bpe = TokenizerText.read(tokenizerLine);
        double baseline =
                unigramPerplexity(bpe.encode(text.substring(0, cut)), bpe.encode(text.substring(cut)), bpe.vocabSize());
        double perplexity = perplexity(run, "validation");
        System.out.printf("tiny-gpt: validation perplexity %.2f, BPE unigram baseline %.2f%n", perplexity, baseline);
        assertTrue(baseline > 100, "384 BPE tokens of English: a unigram model is far from certain: " + baseline);
        assertTrue(perplexity < 0.5 * baseline, () -> perplexity + " vs unigram " + baseline);

        PipelinesTest.Result generated = quiver(
                "generate", "--model", run.toString(), "--prompt", "The licenses", "--tokens", "60", "--seed", "1");
        assertEquals(0, generated.code(), generated.err());
        String out = generated.out().strip();
        assertTrue(out.startsWith("The licenses") && out.length() > "The licenses".length() + 60, out);
        long letters = out.chars().filter(Character::isLetter).count();
        assertTrue(letters > out.length() / 2, "mostly words, as the GPL is: " + out);
    }

    /** The perplexity on {@code heldOut} of {@code train}'s token frequencies, add-one smoothed over the vocabulary. */
    private static double unigramPerplexity(int[] train, int[] heldOut, int vocab) {
        long[] counts = new long[vocab];
        for (int t : train) {
            counts[t]++;
        }
        double total = train.length + vocab;
        double nats = 0;
        for (int t : heldOut) {
            nats -= Math.log((counts[t] + 1) / total);
        }
        return Math.exp(nats / heldOut.length);
    }

    @Test
    void tinyModelMemorisesOneRepeatedSentence() throws IOException {
        String sentence = "the quick brown fox jumps over the lazy dog. ";
        Files.writeString(temp.resolve("fox.txt"), sentence.repeat(40));
        Path yaml = temp.resolve("fox.yaml");
        Files.writeString(yaml, """
                version: 1
                name: fox
                source: {type: text, path: fox.txt, context: 45, validation: 0}
                model: {type: transformer-lm, layers: 1, heads: 2, dim: 32}
                training:
                  optimizer: {type: adamw, lr: 0.01, decayBias: false}
                  steps: 150
                  batchSize: 8
                evaluate: [perplexity]
                """);
        Path run = temp.resolve("fox-run");
        PipelinesTest.Result trained = quiver("run", yaml.toString(), "--out", run.toString());
        assertEquals(0, trained.code(), trained.err());
        double perplexity = perplexity(run, "train");
        // Perplexity 1.02 is a mean next-token loss of 0.02 nats: the sentence is learnt by heart.
        assertTrue(perplexity < 1.02, () -> "train perplexity " + perplexity + ": " + metricsText(run));
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertTrue(history.size() >= 3, history.toString());

        PipelinesTest.Result generated = quiver(
                "generate",
                "--model",
                run.toString(),
                "--prompt",
                "the quick ",
                "--tokens",
                "20",
                "--temperature",
                "0");
        assertEquals(0, generated.code(), generated.err());
        assertEquals("the quick brown fox jumps over", generated.out().strip());

        PipelinesTest.Result exported = quiver(
                "export",
                "--model",
                run.toString(),
                "--output",
                temp.resolve("fox.onnx").toString());
        assertEquals(2, exported.code(), exported.err());
        assertFalse(exported.err().contains("\tat "), exported.err());
    }

    @Test
    void gplTextBeatsItsUnigramBaselineAndGeneratesReproducibly() throws IOException {
        Path corpus = temp.resolve("GPL-3");
        Files.copy(Path.of("/usr/share/common-licenses/GPL-3"), corpus);
        Path yaml = temp.resolve("gpl.yaml");
        Files.writeString(yaml, """
                version: 1
                name: gpl
                seed: 3
                source: {type: text, path: GPL-3, context: 32, validation: 0.1, tokenizer: {type: char}}
                model: {type: transformer-lm, layers: 2, heads: 4, dim: 48}
                training:
                  optimizer: {type: adamw, lr: 0.004, weightDecay: 0.1, betas: [0.9, 0.95], decayBias: false}
                  schedule: {type: cosine, warmupSteps: 10}
                  clip: {maxNorm: 1.0}
                  steps: 250
                  batchSize: 16
                evaluate: [perplexity]
                """);
        Path run = temp.resolve("gpl-run");
        PipelinesTest.Result trained = quiver("run", yaml.toString(), "--out", run.toString());
        assertEquals(0, trained.code(), trained.err());

        double baseline = unigramPerplexity(Files.readString(corpus, StandardCharsets.UTF_8), 0.1);
        double perplexity = perplexity(run, "validation");
        assertTrue(perplexity > 1, "a held-out text is not learnt by heart: " + perplexity);
        System.out.printf("gpl: validation perplexity %.2f, unigram baseline %.2f%n", perplexity, baseline);
        assertTrue(baseline > 15, "a character unigram model of English is near 2^4.2: " + baseline);
        assertTrue(perplexity < 0.75 * baseline, () -> perplexity + " vs unigram " + baseline);
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("validation_perplexity"), "the learning curves show perplexity");

        String[] args = {"generate", "--model", run.toString(), "--prompt", "The ", "--tokens", "80", "--seed", "5"};
        PipelinesTest.Result first = quiver(args);
        PipelinesTest.Result second = quiver(args);
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().strip().length() > 40, first.out());
        assertEquals(first.out(), second.out(), "the same seed gives the same text");
        args[args.length - 1] = "6";
        assertNotEquals(first.out(), quiver(args).out(), "another seed, other text");
    }

    /**
     * The perplexity on the last {@code heldOut} share of {@code text} of the character frequencies of the rest
     * (add-one smoothed over the training alphabet, which is what a char tokenizer can encode).
     */
    private static double unigramPerplexity(String text, double heldOut) {
        int[] points = text.codePoints().toArray();
        int cut = points.length - (int) Math.round(points.length * heldOut);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < cut; i++) {
            counts.merge(points[i], 1, Integer::sum);
        }
        double total = cut + counts.size();
        double nats = 0;
        for (int i = cut; i < points.length; i++) {
            nats -= Math.log((counts.getOrDefault(points[i], 0) + 1) / total);
        }
        return Math.exp(nats / (points.length - cut));
    }

    @Test
    void textSourceErrorsNameTheFileAndWhere() throws IOException {
        Files.write(temp.resolve("bad.txt"), new byte[] {'a', 'b', 'c', (byte) 0xC3, '(', 'd'});
        Files.writeString(temp.resolve("short.txt"), "too short");
        String yaml = """
                version: 1
                name: bad
                source: {type: text, path: %s, context: 16, validation: 0}
                model: {type: transformer-lm, layers: 1, heads: 1, dim: 8}
                training: {steps: 1}
                """;
        Map<String, String> expected = Map.of(
                "bad.txt", "invalid UTF-8 at byte offset 3",
                "short.txt", "fewer than one window of context + 1 = 17",
                "missing.txt", "file not found");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = temp.resolve(e.getKey() + ".yaml");
            Files.writeString(file, yaml.formatted(e.getKey()));
            PipelinesTest.Result r =
                    quiver("run", file.toString(), "--out", temp.resolve("out").toString());
            assertEquals(e.getKey().equals("missing.txt") ? 2 : 3, r.code(), r.err());
            assertTrue(r.err().contains(e.getValue()), r.err());
            assertTrue(r.err().contains(e.getKey()), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    @Test
    void generateRefusesAModelThatIsNotALanguageModel() {
        Path run = temp.resolve("house");
        assertEquals(
                0,
                quiver("run", PIPELINES.resolve("house-prices.yaml").toString(), "--out", run.toString())
                        .code());
        PipelinesTest.Result r = quiver("generate", "--model", run.toString(), "--prompt", "hello");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("does not generate text"), r.err());
        assertEquals("", r.out());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String metricsText(Path run) {
        try {
            return Files.readString(run.resolve("metrics.json"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
