package dev.quiver.engine.lm;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.model.TrainingDefaults;
import dev.quiver.api.model.TrainingSetup;
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
 * {@code steps}, every tenth of them if that comes sooner; early stopping and checkpoints count those rows
 * ({@link LmTrainingLoop}). Immutable: every {@link #fit} builds its own model.
 */
final class TransformerLmTrainer implements Trainer {

    /**
     * The model's shape as configured; {@code context} 0 takes the windows' length; {@code completionAfter}, when
     * not null, limits the training loss to what follows it on each line.
     */
    record Shape(int layers, int heads, int dim, int context, float dropout, String completionAfter) {}

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
        new LmTrainingLoop(model, setup, context, train, validation, mask, seed, shape.dropout()).run();
        return new TransformerLmModel(model, tokenizer, data.features());
    }
}
