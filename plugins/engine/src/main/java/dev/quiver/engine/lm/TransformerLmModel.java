package dev.quiver.engine.lm;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.Generation;
import dev.quiver.api.model.LanguageModel;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.optim.Parameter;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.engine.text.TextStream;
import dev.quiver.engine.text.Tokenizer;
import dev.quiver.engine.transformer.Generator;
import dev.quiver.engine.transformer.Sampling;
import dev.quiver.engine.transformer.TransformerLm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A trained transformer language model with the tokenizer of its text source. {@link #predict} scores windows:
 * each row's {@code prediction} is the mean cross-entropy (nats) of predicting its tokens 1..context from the ones
 * before, the figure {@code perplexity} exponentiates; {@link #generate} writes text.
 *
 * <p>Owns its parameters and never changes them after training. Any thread may call it: generation reads the
 * parameters only, and scoring (which borrows the model's one scratch workspace) is serialized on the model.
 */
final class TransformerLmModel implements LanguageModel {

    private final TransformerLm model;
    private final Tokenizer tokenizer;
    private final List<String> features;

    TransformerLmModel(TransformerLm model, Tokenizer tokenizer, List<String> features) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.features = List.copyOf(features);
    }

    /** The trained network, for tests of this package; not to be changed. */
    TransformerLm network() {
        return model;
    }

    @Override
    public String type() {
        return TransformerLmFactory.NAME;
    }

    @Override
    public Task task() {
        return Task.LANGUAGE_MODEL;
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public List<String> classes() {
        return List.of();
    }

    @Override
    public List<Field> predictionFields() {
        return List.of(PredictionColumns.float64(PredictionColumns.PREDICTION));
    }

    @Override
    public VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator) {
        int rows = input.getRowCount();
        int length = features.size();
        int[] windows = Windows.ofBatch(input, features, tokenizer.vocabSize());
        double[] losses = new double[rows];
        synchronized (model) {
            for (int r = 0; r < rows; r++) {
                int[] window = java.util.Arrays.copyOfRange(windows, r * length, (r + 1) * length);
                losses[r] = model.loss(window, 1, null);
            }
        }
        VectorSchemaRoot out =
                VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(predictionFields()), allocator);
        Float8Vector prediction = (Float8Vector) out.getVector(0);
        prediction.allocateNew(rows);
        for (int r = 0; r < rows; r++) {
            prediction.set(r, losses[r]);
        }
        prediction.setValueCount(rows);
        out.setRowCount(rows);
        return out;
    }

    @Override
    public String generate(String prompt, Generation generation, Consumer<String> onText) {
        if (prompt == null || prompt.isEmpty()) {
            throw new QuiverException(ErrorCode.USAGE, "generate needs a prompt of at least one character");
        }
        int[] ids;
        try {
            ids = tokenizer.encode(prompt);
        } catch (IllegalArgumentException e) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "The prompt cannot be encoded: " + e.getMessage()
                            + " (a char tokenizer knows only the characters of its training text)");
        }
        Sampling sampling = new Sampling(generation.temperature(), generation.topK(), generation.topP());
        TextStream stream = new TextStream(tokenizer);
        StringBuilder all = new StringBuilder();
        new Generator(model).generate(ids, generation.tokens(), sampling, generation.seed(), true, id -> {
            String piece = stream.add(id);
            if (!piece.isEmpty()) {
                all.append(piece);
                onText.accept(piece);
            }
        });
        String rest = stream.finish();
        if (!rest.isEmpty()) {
            all.append(rest);
            onText.accept(rest);
        }
        return all.toString();
    }

    @Override
    public String tokenizer() {
        return tokenizer.type() + " (" + tokenizer.vocabSize() + " tokens)";
    }

    @Override
    public void save(StateWriter state) {
        TransformerLm.Config c = model.config();
        state.putStrings("features", features);
        state.putLongs("shape", new long[] {c.vocabSize(), c.context(), c.layers(), c.heads(), c.dim()});
        state.putDouble("dropout", c.dropout());
        tokenizer.save(state.child("tokenizer"));
        StateWriter weights = state.child("weights");
        for (Parameter p : model.parameters()) {
            weights.putFloats(p.name(), p.value());
        }
    }

    static TransformerLmModel load(StateReader state) {
        List<String> features = state.getStrings("features");
        long[] shape = state.getLongs("shape", 5);
        for (long s : shape) {
            if (s < 1 || s > 1 << 24) {
                throw state.damaged("shape", "holds " + s + "; every size must be between 1 and 2^24");
            }
        }
        if (features.size() != shape[1] + 1) {
            throw state.damaged("features", "name " + features.size() + " columns for context " + shape[1]);
        }
        Tokenizer tokenizer = Tokenizer.load(state.child("tokenizer"));
        if (tokenizer.vocabSize() != shape[0]) {
            throw state.damaged("shape", "says " + shape[0] + " tokens but the tokenizer has " + tokenizer.vocabSize());
        }
        TransformerLm.Config config;
        try {
            config = new TransformerLm.Config(
                    (int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3], (int) shape[4], (float)
                            state.getDouble("dropout"));
        } catch (IllegalArgumentException e) {
            throw state.damaged("shape", e.getMessage());
        }
        TransformerLm model = new TransformerLm(config, 0);
        StateReader weights = state.child("weights");
        for (Parameter p : model.parameters()) {
            float[] saved = weights.getFloats(p.name(), p.value().length);
            System.arraycopy(saved, 0, p.value(), 0, saved.length);
        }
        return new TransformerLmModel(model, tokenizer, features);
    }

    @Override
    public Map<String, Object> describe() {
        TransformerLm.Config c = model.config();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tokenizer", tokenizer());
        out.put("vocabSize", c.vocabSize());
        out.put("context", c.context());
        out.put("layers", c.layers());
        out.put("heads", c.heads());
        out.put("dim", c.dim());
        out.put("parameters", model.parameterCount());
        return out;
    }
}
