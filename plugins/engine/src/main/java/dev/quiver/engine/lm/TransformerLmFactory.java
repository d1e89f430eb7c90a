package dev.quiver.engine.lm;

import dev.quiver.api.PluginContext;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.ModelFactory;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingOptions;
import dev.quiver.api.state.StateReader;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code model: {type: transformer-lm, layers: 4, heads: 4, dim: 128, context: 128, dropout: 0.1}}: the engine's
 * GPT-2 style {@link dev.quiver.engine.transformer.TransformerLm} on the windows of a {@code text} source. Trained
 * through {@code training:} (default AdamW lr 6e-4, betas [0.9, 0.95], weight decay 0.1 on matrices only), with
 * {@code steps} as well as {@code epochs}. Stateless.
 */
public final class TransformerLmFactory implements ModelFactory {

    public static final String NAME = "transformer-lm";

    static final Option<Integer> LAYERS = Option.integer("layers", 4).atLeast(1).describe("Transformer blocks.");
    static final Option<Integer> HEADS =
            Option.integer("heads", 4).atLeast(1).describe("Attention heads per block; dim must be a multiple.");
    static final Option<Integer> DIM = Option.integer("dim", 128).atLeast(1).describe("Width of the embeddings.");
    static final Option<Integer> CONTEXT = Option.integer("context", 0)
            .atLeast(0)
            .describe("Tokens the model attends to; 0 = the text source's context (the windows' length - 1).");
    static final Option<Double> DROPOUT = Option.real("dropout", 0.0)
            .atLeast(0)
            .below(1)
            .describe("Dropout on the embeddings and each residual branch while training.");

    static final Option<String> COMPLETION_AFTER = Option.string("completionAfter", null)
            .describe("Learn only what follows this text on each line, up to the line's end (a completion-only"
                    + " loss, as TRL's response template); it must be one token. Default: every token.");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GPT-style transformer language model on a text source; quiver generate writes with it.";
    }

    @Override
    public List<Option<?>> options() {
        return List.of(LAYERS, HEADS, DIM, CONTEXT, DROPOUT, COMPLETION_AFTER);
    }

    @Override
    public boolean trainsIteratively() {
        return true;
    }

    @Override
    public List<Option<?>> trainingOptions() {
        List<Option<?>> options = new ArrayList<>(TrainingOptions.options());
        options.add(TrainingOptions.STEPS);
        return List.copyOf(options);
    }

    @Override
    public Trainer create(Config config, PluginContext context) {
        int dim = config.get(DIM);
        int heads = config.get(HEADS);
        if (dim % heads != 0) {
            config.problem(DIM.name(), "dim " + dim + " must be a multiple of heads " + heads);
        }
        return new TransformerLmTrainer(new TransformerLmTrainer.Shape(
                config.get(LAYERS),
                heads,
                dim,
                config.get(CONTEXT),
                (float) (double) config.get(DROPOUT),
                config.get(COMPLETION_AFTER)));
    }

    @Override
    public Model load(StateReader state, PluginContext context) {
        return TransformerLmModel.load(state);
    }
}
