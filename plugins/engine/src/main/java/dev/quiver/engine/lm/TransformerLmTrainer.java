package dev.quiver.engine.lm;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.model.TrainingDefaults;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.optim.GradientClipping;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.api.optim.Scheduler;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.text.Tokenizer;
import dev.quiver.engine.transformer.TransformerLm;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trains a {@link TransformerLm} on a text source's windows. Each optimizer step takes {@code batchSize} windows
 * in a seeded order that is reshuffled after every pass, predicts every token of each window from the ones
 * before it (mean cross-entropy, computed by the engine's fused op), clips the gradients as {@code clip} says and
 * steps the optimizer. The schedule advances once per optimizer step, its horizon being the total step count
 * ({@code steps}, or {@code epochs} passes), as GPT training schedules by iteration; {@code warmupSteps} count
 * steps. A history row (train and validation loss and perplexity) is written after every pass, or, with
 * {@code steps}, every tenth of them if that comes sooner. Immutable: every {@link #fit} builds its own model.
 */
final class TransformerLmTrainer implements Trainer {

    /**
     * The model's shape as configured; {@code context} 0 takes the windows' length; {@code completionAfter}, when
     * not null, limits the training loss to what follows it on each line.
     */
    record Shape(int layers, int heads, int dim, int context, float dropout, String completionAfter) {}

    private static final int EVAL_BATCH = 32;

    private final Shape shape;

    TransformerLmTrainer(Shape shape) {
        this.shape = shape;
    }

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.LANGUAGE_MODEL);
    }

    @Override
    public Optional<TrainingDefaults> training() {
        return Optional.of(new TrainingDefaults(
                Map.of(Task.LANGUAGE_MODEL, "cross-entropy"),
                Map.of(
                        "type",
                        "adamw",
                        "lr",
                        6e-4,
                        "betas",
                        List.of(0.9, 0.95),
                        "weightDecay",
                        0.1,
                        "decayBias",
                        false)));
    }

    @Override
    public Model fit(TrainingData data, FitContext context) {
        TrainingSetup setup = context.training()
                .orElseThrow(() -> new IllegalStateException("the runtime gives a language model its training"));
        Tokenizer tokenizer = Windows.tokenizer(data.schema());
        int windowContext = data.features().size() - 1;
        if (shape.context() > 0 && shape.context() != windowContext) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "model.context is " + shape.context() + " but the text source's windows hold "
                            + data.features().size() + " tokens (context " + windowContext
                            + "); give the source the same context,"
                            + " or leave model.context out");
        }
        if (setup.earlyStopping().isPresent()) {
            context.warn("transformer-lm does not stop early; training.earlyStopping is ignored.");
        }
        if (setup.checkpointEvery() > 0) {
            context.warn("transformer-lm does not write checkpoints yet; checkpoint: is ignored.");
        }
        int vocab = tokenizer.vocabSize();
        CompletionMask mask =
                shape.completionAfter() == null ? null : CompletionMask.of(shape.completionAfter(), tokenizer);
        Windows train = Windows.read(data, vocab, context.allocator());
        Optional<Windows> validation = data.validation().map(v -> Windows.read(v, vocab, context.allocator()));
        long seed = setup.seed().orElse(context.seed());
        TransformerLm model = new TransformerLm(
                new TransformerLm.Config(
                        vocab, windowContext, shape.layers(), shape.heads(), shape.dim(), shape.dropout()),
                seed);
        List<Parameter> parameters = model.parameters();
        OptimizerRun run = new ClippedRun(setup.optimizer().start(parameters), setup.clip(), parameters);
        int batch = setup.batchSize() == TrainingSetup.FULL_BATCH
                ? train.count()
                : Math.min(setup.batchSize(), train.count());
        int perPass = (train.count() + batch - 1) / batch;
        long total = setup.steps() > 0 ? setup.steps() : (long) setup.epochs() * perPass;
        Scheduler scheduler = setup.schedule().start(run, (int) Math.min(Integer.MAX_VALUE, total));
        long interval = setup.steps() > 0 ? Math.max(1, Math.min(perPass, (total + 9) / 10)) : perPass;

        Rng shuffle = Rng.derive(seed, "windows");
        Rng dropout = shape.dropout() > 0 ? Rng.derive(seed, "dropout") : null;
        int[] order = permutation(train.count(), shuffle);
        int position = 0;
        double lossSum = 0;
        long windowsSeen = 0;
        int reported = 0;
        long started = System.nanoTime();
        for (long step = 0; step < total; step++) {
            if (position >= order.length) {
                order = permutation(train.count(), shuffle);
                position = 0;
            }
            int[] windows = train.batch(order, position, batch);
            position += batch;
            float loss;
            try {
                loss = model.trainStep(
                        windows, batch, mask == null ? null : mask.of(windows, batch, train.length()), run, dropout);
            } catch (IllegalStateException e) {
                throw new QuiverException(
                        ErrorCode.DIVERGED,
                        "Training diverged at step " + (step + 1) + " of " + total + ": " + e.getMessage(),
                        e);
            }
            lossSum += loss;
            windowsSeen += batch;
            scheduler.stepEnded();
            scheduler.epochEnded(Double.NaN);
            if ((step + 1) % interval == 0 || step + 1 == total) {
                long steps = (step + 1) - (long) reported * interval;
                double trainLoss = lossSum / steps;
                double validationLoss = validation.map(v -> meanLoss(model, v)).orElse(Double.NaN);
                reported++;
                double seconds = (System.nanoTime() - started) / 1e9;
                Map<String, Double> metrics = validation.isPresent()
                        ? Map.of(
                                "train_perplexity", Math.exp(trainLoss),
                                "validation_perplexity", Math.exp(validationLoss))
                        : Map.of("train_perplexity", Math.exp(trainLoss));
                context.epochEnded(new EpochStats(
                        reported, trainLoss, validationLoss, metrics, windowsSeen, seconds, run.learningRate()));
                lossSum = 0;
                windowsSeen = 0;
                started = System.nanoTime();
            }
        }
        return new TransformerLmModel(model, tokenizer, data.features());
    }

    /** The mean next-token cross-entropy over every window, without dropout. */
    static double meanLoss(TransformerLm model, Windows windows) {
        int[] order = new int[windows.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double sum = 0;
        for (int from = 0; from < order.length; from += EVAL_BATCH) {
            int b = Math.min(EVAL_BATCH, order.length - from);
            sum += (double) model.loss(windows.batch(order, from, b), b, null) * b;
        }
        return sum / order.length;
    }

    private static int[] permutation(int n, Rng rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** The optimizer run with the pipeline's gradient clipping applied before every step. */
    private record ClippedRun(OptimizerRun run, GradientClipping clip, List<Parameter> parameters)
            implements OptimizerRun {

        @Override
        public void step() {
            clip.clip(parameters);
            run.step();
        }

        @Override
        public double learningRate() {
            return run.learningRate();
        }

        @Override
        public void setLearningRate(double learningRate) {
            run.setLearningRate(learningRate);
        }

        @Override
        public void save(StateWriter state) {
            run.save(state);
        }

        @Override
        public void restore(StateReader state) {
            run.restore(state);
        }
    }
}
