package dev.quiver.engine.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole TransformerLm forward and backward pass against PyTorch ({@code src/test/python/transformer_goldens.py},
 * in double): layer norm, causal masked softmax attention over heads, exact GELU, residual adds, token and position
 * embeddings, the tied output layer and the next-token cross-entropy, all at once. Weights and inputs are
 * closed-form so both sides build them alike.
 */
class TransformerGoldenTest {

    // windows: [[1, 6, 10, 2, 4, 5, 5], [4, 9, 2, 5, 7, 8, 8]]
    private static final double LOSS = 2.471234521533931;
    private static final double LOGITS_PROBE = -1.187164205142182;
    private static final Map<String, Double> GRADIENT_PROBES = Map.ofEntries(
            Map.entry("wte", -0.14809945534820612),
            Map.entry("wpe", 0.2609208385293377),
            Map.entry("h0.ln1.weight", -0.0007639383802411064),
            Map.entry("h0.ln1.bias", 0.002812565499500667),
            Map.entry("h0.attn.qkv.weight", 0.04489578925826442),
            Map.entry("h0.attn.qkv.bias", -0.08554214974276793),
            Map.entry("h0.attn.proj.weight", -0.013555880086504091),
            Map.entry("h0.attn.proj.bias", 0.2372061746604019),
            Map.entry("h0.ln2.weight", -0.001431473372342628),
            Map.entry("h0.ln2.bias", 0.0016383832316927242),
            Map.entry("h0.mlp.fc.weight", -0.008857167469720066),
            Map.entry("h0.mlp.fc.bias", -0.006326637046986066),
            Map.entry("h0.mlp.proj.weight", -0.0024681292137468704),
            Map.entry("h0.mlp.proj.bias", 0.16726349016695158),
            Map.entry("h1.ln1.weight", -0.0020050586140039454),
            Map.entry("h1.ln1.bias", 0.0028756584634491668),
            Map.entry("h1.attn.qkv.weight", -0.19095301856934183),
            Map.entry("h1.attn.qkv.bias", -0.020171382815829236),
            Map.entry("h1.attn.proj.weight", -0.00490604186499702),
            Map.entry("h1.attn.proj.bias", 0.14273595720839483),
            Map.entry("h1.ln2.weight", 0.005333511175433729),
            Map.entry("h1.ln2.bias", 0.0037862550530128655),
            Map.entry("h1.mlp.fc.weight", -0.006702899394689085),
            Map.entry("h1.mlp.fc.bias", -0.003563716038161578),
            Map.entry("h1.mlp.proj.weight", -0.0029988960094353943),
            Map.entry("h1.mlp.proj.bias", 0.15492240274135563),
            Map.entry("lnf.weight", 0.02167195791305892),
            Map.entry("lnf.bias", 0.11251244937497384));

    /** A run that leaves the parameters alone, so the gradients of one step can be read. */
    private static final OptimizerRun NO_UPDATE = new OptimizerRun() {
        @Override
        public void step() {}

        @Override
        public double learningRate() {
            return 0;
        }

        @Override
        public void setLearningRate(double learningRate) {}

        @Override
        public void save(StateWriter state) {}

        @Override
        public void restore(StateReader state) {}
    };

    private static double probe(float[] values) {
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += values[i] * Math.cos(0.3 * i);
        }
        return s;
    }

    @Test
    void oneStepMatchesPyTorch() {
        TransformerLm model = new TransformerLm(new TransformerLm.Config(11, 6, 2, 2, 8, 0f), 1);
        List<Parameter> parameters = model.parameters();
        for (int k = 0; k < parameters.size(); k++) {
            Parameter p = parameters.get(k);
            boolean ones = p.name().contains("ln") && p.name().endsWith(".weight");
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) ((ones ? 1 : 0) + 0.1 * Math.sin(0.7 * i + k));
            }
        }
        int b = 2, t = 6;
        int[] windows = new int[b * (t + 1)];
        int[] inputs = new int[b * t];
        for (int s = 0; s < b; s++) {
            for (int i = 0; i <= t; i++) {
                windows[s * (t + 1) + i] = (3 * s + 5 * i * i + 1) % 11;
                if (i < t) {
                    inputs[s * t + i] = windows[s * (t + 1) + i];
                }
            }
        }
        assertEquals(LOGITS_PROBE, probe(model.logits(inputs, b, t, false, null).data()), 1e-4);
        float loss = model.trainStep(windows, b, null, NO_UPDATE, null);
        assertEquals(LOSS, loss, 1e-5);
        for (Parameter p : parameters) {
            double expected = GRADIENT_PROBES.get(p.name());
            assertEquals(expected, probe(p.gradient()), 2e-5 + 1e-3 * Math.abs(expected), p.name());
        }
        assertEquals(GRADIENT_PROBES.size(), parameters.size());
    }
}
