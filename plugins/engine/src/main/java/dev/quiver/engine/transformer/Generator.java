package dev.quiver.engine.transformer;

import dev.quiver.engine.tensor.Attention;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.tensor.Tensor;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Autoregressive generation from a {@link TransformerLm}, one token at a time. With the key/value cache (the
 * default) each new token runs the blocks on that token alone, attending to the keys and values the earlier
 * positions left in the cache; without it, every token re-runs the whole visible sequence through the model's
 * graph forward pass (the reference the cache is tested against). The model sees at most {@code context} tokens:
 * when the view is full, it keeps its last half and both ways re-read that half from scratch, so the two agree
 * token for token. Reads the model's parameters; one generator per thread, and no training step meanwhile.
 */
public final class Generator {

    private final TransformerLm model;
    private final TransformerLm.Config config;

    public Generator(TransformerLm model) {
        this.model = model;
        this.config = model.config();
    }

    /**
     * {@code count} tokens following {@code prompt} (non-empty), each handed to {@code onToken} as soon as it is
     * drawn; the same seed gives the same tokens.
     */
    public int[] generate(
            int[] prompt, int count, Sampling sampling, long seed, boolean useCache, IntConsumer onToken) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("generation needs a prompt of at least one token");
        }
        Rng rng = Rng.derive(seed, "generate");
        int vocab = config.vocabSize();
        int[] sequence = Arrays.copyOf(prompt, prompt.length + count);
        int length = prompt.length;
        int viewStart = Math.max(0, length - config.context());
        Cache cache = useCache ? new Cache() : null;
        int cached = 0; // positions of the current view already in the cache
        for (int n = 0; n < count; n++) {
            float[] logits;
            if (useCache) {
                logits = null;
                for (int i = viewStart + cached; i < length; i++) {
                    logits = cache.step(sequence[i], i - viewStart);
                }
                cached = length - viewStart;
            } else {
                int time = length - viewStart;
                Tensor all = model.logits(Arrays.copyOfRange(sequence, viewStart, length), 1, time, false, null);
                logits = Arrays.copyOfRange(all.data(), (time - 1) * vocab, time * vocab);
            }
            int next = sampling.next(logits, vocab, rng);
            sequence[length++] = next;
            if (onToken != null) {
                onToken.accept(next);
            }
            if (length - viewStart > config.context()) {
                viewStart = length - Math.max(1, config.context() / 2);
                cached = 0;
            }
        }
        return Arrays.copyOfRange(sequence, prompt.length, length);
    }

    /** Keys and values of every block for the positions seen so far. */
    private final class Cache {
        private final int c = config.dim();
        private final int heads = config.heads();
        private final int headWidth = c / heads;
        private final float scale = (float) (1.0 / Math.sqrt(headWidth));
        private final float[][] keys = new float[config.layers()][config.context() * c];
        private final float[][] values = new float[config.layers()][config.context() * c];
        private final float[] probs = new float[config.context()];

        /** Runs token {@code token} at position {@code pos} of the view; its logits. */
        float[] step(int token, int pos) {
            Tensor x = TransformerLm.rowOf(model.tokens, token).add(TransformerLm.rowOf(model.positions, pos));
            for (int l = 0; l < model.blocks.length; l++) {
                TransformerLm.Block b = model.blocks[l];
                float[] qkv = x.layerNorm(b.ln1g().constant(), b.ln1b().constant(), TransformerLm.EPS)
                        .linear(b.qkvW().constant(), b.qkvB().constant())
                        .data();
                System.arraycopy(qkv, c, keys[l], pos * c, c);
                System.arraycopy(qkv, 2 * c, values[l], pos * c, c);
                float[] out = new float[c];
                for (int h = 0; h < heads; h++) {
                    Attention.attendRow(
                            qkv,
                            h * headWidth,
                            keys[l],
                            h * headWidth,
                            values[l],
                            h * headWidth,
                            c,
                            pos + 1,
                            headWidth,
                            scale,
                            probs,
                            0,
                            out,
                            h * headWidth);
                }
                x = x.add(Tensor.of(out, 1, c)
                        .linear(b.projW().constant(), b.projB().constant()));
                Tensor m = x.layerNorm(b.ln2g().constant(), b.ln2b().constant(), TransformerLm.EPS)
                        .linear(b.fcW().constant(), b.fcB().constant())
                        .gelu()
                        .linear(b.outW().constant(), b.outB().constant());
                x = x.add(m);
            }
            return x.layerNorm(model.lnfG.constant(), model.lnfB.constant(), TransformerLm.EPS)
                    .matmulTransposed(model.tokens.constant())
                    .data();
        }
    }
}
