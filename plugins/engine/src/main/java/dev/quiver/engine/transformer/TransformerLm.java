package dev.quiver.engine.transformer;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.tensor.Tensor;
import dev.quiver.engine.tensor.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A decoder-only transformer language model as GPT-2: token plus learned position embeddings; {@code layers}
 * pre-norm blocks (layer norm, causal multi-head self-attention, residual add; layer norm, a 4x-wide GELU MLP,
 * residual add); a final layer norm; and an output layer tied to the token embedding. Weights start as GPT-2's
 * (normal, std 0.02; the two residual projections of each block std {@code 0.02 / sqrt(2 * layers)}; biases zero;
 * norms one and zero). Dropout, when set, applies to the embeddings and to each residual branch's output.
 *
 * <p>The model owns its parameter arrays; {@link #parameters()} exposes them to an optimizer with the
 * embeddings, norms and biases flagged as {@link Parameter#bias() bias}, so that an optimizer built with
 * {@code decayBias: false} decays only the matrices. Confined to one thread (the training thread; generation
 * reads the parameters, so it must not run while a step updates them).
 */
public final class TransformerLm {

    /** The shape of the model. */
    public record Config(int vocabSize, int context, int layers, int heads, int dim, float dropout) {
        public Config {
            if (vocabSize < 1 || context < 1 || layers < 1 || heads < 1 || dim < 1) {
                throw new IllegalArgumentException("vocabSize, context, layers, heads and dim must be positive");
            }
            if (dim % heads != 0) {
                throw new IllegalArgumentException("dim " + dim + " is not a multiple of heads " + heads);
            }
            if (dropout < 0 || dropout >= 1) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
        }
    }

    static final float EPS = 1e-5f;

    /** One named parameter: values, gradient, shape, and whether weight decay applies. */
    record Weight(String name, float[] value, float[] grad, int[] shape, boolean decay) {
        Tensor tensor() {
            return Tensor.parameter(value, grad, shape);
        }

        Tensor constant() {
            return Tensor.of(value, shape);
        }
    }

    /** A block's weights, in the order of the computation. */
    record Block(
            Weight ln1g,
            Weight ln1b,
            Weight qkvW,
            Weight qkvB,
            Weight projW,
            Weight projB,
            Weight ln2g,
            Weight ln2b,
            Weight fcW,
            Weight fcB,
            Weight outW,
            Weight outB) {}

    private final Config config;
    private final List<Weight> weights = new ArrayList<>();
    final Weight tokens;
    final Weight positions;
    final Block[] blocks;
    final Weight lnfG;
    final Weight lnfB;
    private final Workspace workspace = new Workspace();

    public TransformerLm(Config config, long seed) {
        this.config = config;
        Rng rng = Rng.derive(seed, "transformer-init");
        int c = config.dim();
        double residualStd = 0.02 / Math.sqrt(2.0 * config.layers());
        tokens = add("wte", rng, 0.02, false, config.vocabSize(), c);
        positions = add("wpe", rng, 0.02, false, config.context(), c);
        blocks = new Block[config.layers()];
        for (int l = 0; l < config.layers(); l++) {
            String p = "h" + l + ".";
            blocks[l] = new Block(
                    ones(p + "ln1.weight", c),
                    add(p + "ln1.bias", null, 0, false, c),
                    add(p + "attn.qkv.weight", rng, 0.02, true, c, 3 * c),
                    add(p + "attn.qkv.bias", null, 0, false, 3 * c),
                    add(p + "attn.proj.weight", rng, residualStd, true, c, c),
                    add(p + "attn.proj.bias", null, 0, false, c),
                    ones(p + "ln2.weight", c),
                    add(p + "ln2.bias", null, 0, false, c),
                    add(p + "mlp.fc.weight", rng, 0.02, true, c, 4 * c),
                    add(p + "mlp.fc.bias", null, 0, false, 4 * c),
                    add(p + "mlp.proj.weight", rng, residualStd, true, 4 * c, c),
                    add(p + "mlp.proj.bias", null, 0, false, c));
        }
        lnfG = ones("lnf.weight", c);
        lnfB = add("lnf.bias", null, 0, false, c);
    }

    private Weight add(String name, Rng rng, double std, boolean decay, int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] v = new float[n];
        if (rng != null) {
            for (int i = 0; i < n; i++) {
                v[i] = (float) (rng.nextGaussian() * std);
            }
        }
        Weight w = new Weight(name, v, new float[n], shape, decay);
        weights.add(w);
        return w;
    }

    private Weight ones(String name, int n) {
        Weight w = add(name, null, 0, false, n);
        Arrays.fill(w.value(), 1f);
        return w;
    }

    public Config config() {
        return config;
    }

    /** The trainable arrays, by stable name; embeddings, norms and biases are flagged {@code bias}. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Weight w : weights) {
            out.add(new Parameter(w.name(), w.value(), w.grad(), !w.decay()));
        }
        return out;
    }

    /** The number of trainable values. */
    public long parameterCount() {
        return weights.stream().mapToLong(w -> w.value().length).sum();
    }

    /**
     * Logits {@code [batch*time, vocab]} for {@code tokens} ({@code batch} sequences of {@code time <= context}
     * tokens, row-major), as a graph that reaches the parameters when {@code track} is set. Dropout applies only
     * when {@code dropoutRng} is given.
     */
    Tensor logits(int[] tokenIds, int batch, int time, boolean track, Rng dropoutRng) {
        if (time > config.context() || tokenIds.length != batch * time) {
            throw new IllegalArgumentException(
                    tokenIds.length + " tokens as " + batch + " x " + time + " with context " + config.context());
        }
        int[] pos = new int[batch * time];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = i % time;
        }
        boolean drop = dropoutRng != null && config.dropout() > 0;
        float p = config.dropout();
        Tensor x = t(tokens, track)
                .embedding(tokenIds)
                .add(t(positions, track).embedding(pos))
                .dropout(p, dropoutRng, drop);
        for (Block b : blocks) {
            Tensor a = x.layerNorm(t(b.ln1g(), track), t(b.ln1b(), track), EPS)
                    .linear(t(b.qkvW(), track), t(b.qkvB(), track))
                    .causalAttention(batch, config.heads())
                    .linear(t(b.projW(), track), t(b.projB(), track));
            x = x.add(a.dropout(p, dropoutRng, drop));
            Tensor m = x.layerNorm(t(b.ln2g(), track), t(b.ln2b(), track), EPS)
                    .linear(t(b.fcW(), track), t(b.fcB(), track))
                    .gelu()
                    .linear(t(b.outW(), track), t(b.outB(), track));
            x = x.add(m.dropout(p, dropoutRng, drop));
        }
        return x.layerNorm(t(lnfG, track), t(lnfB, track), EPS).matmulTransposed(t(tokens, track));
    }

    /** Row {@code i} of a table, as a {@code [1, width]} constant. */
    static Tensor rowOf(Weight table, int i) {
        int width = table.shape()[1];
        return Tensor.of(Arrays.copyOfRange(table.value(), i * width, (i + 1) * width), 1, width);
    }

    private static Tensor t(Weight w, boolean track) {
        return track ? w.tensor() : w.constant();
    }

    /**
     * One optimisation step on {@code batch} windows of {@code context+1} tokens each (row-major): predicts tokens
     * 1..T from 0..T-1 with mean cross-entropy, back-propagates, and lets {@code optimizer} update the
     * parameters. {@code targetMask}, if given, has one entry per predicted token: false excludes it from the loss
     * (e.g. a prompt whose continuation alone is to be learned). Returns the loss before the update.
     */
    @SuppressWarnings("try") // the workspace is active for the block's ops, not called directly
    public float trainStep(int[] windows, int batch, boolean[] targetMask, OptimizerRun optimizer, Rng dropoutRng) {
        int time = windows.length / batch - 1;
        int[] inputs = new int[batch * time];
        int[] targets = new int[batch * time];
        split(windows, batch, time, targetMask, inputs, targets);
        for (Weight w : weights) {
            Arrays.fill(w.grad(), 0f);
        }
        float loss;
        try (Workspace ws = workspace.activate()) {
            Tensor l = logits(inputs, batch, time, true, dropoutRng).crossEntropy(targets);
            loss = l.item();
            l.backward();
        }
        if (!Float.isFinite(loss)) {
            throw new IllegalStateException("the loss is " + loss + "; lower the learning rate");
        }
        optimizer.step();
        return loss;
    }

    /** The mean next-token cross-entropy on {@code batch} windows of {@code time+1} tokens, without dropout. */
    @SuppressWarnings("try")
    public float loss(int[] windows, int batch, boolean[] targetMask) {
        int time = windows.length / batch - 1;
        int[] inputs = new int[batch * time];
        int[] targets = new int[batch * time];
        split(windows, batch, time, targetMask, inputs, targets);
        try (Workspace ws = workspace.activate()) {
            return logits(inputs, batch, time, false, null)
                    .crossEntropy(targets)
                    .item();
        }
    }

    private static void split(int[] windows, int batch, int time, boolean[] mask, int[] inputs, int[] targets) {
        if (windows.length != batch * (time + 1) || (mask != null && mask.length != batch * time)) {
            throw new IllegalArgumentException(windows.length + " tokens are not " + batch + " windows");
        }
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < time; i++) {
                inputs[b * time + i] = windows[b * (time + 1) + i];
                targets[b * time + i] = mask == null || mask[b * time + i] ? windows[b * (time + 1) + i + 1] : -1;
            }
        }
    }
}
