package dev.quiver.engine.bench;

import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.engine.kernel.Matmul;
import dev.quiver.engine.kernel.Parallel;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.transformer.Generator;
import dev.quiver.engine.transformer.Sampling;
import dev.quiver.engine.transformer.TransformerLm;
import dev.quiver.optim.optimizer.Adam;
import java.lang.management.ManagementFactory;

/**
 * Training and generation throughput of a TransformerLm, the model of {@code bench/transformer.py} (not a
 * test): {@code TransformerBench [layers heads dim context batch vocab steps tokens]}, defaults the issue's
 * example (4 4 128 128 32 512 6 120). Random tokens: throughput does not depend on what they are. Prints one
 * JSON line.
 */
public final class TransformerBench {

    public static void main(String[] args) {
        int[] a = {4, 4, 128, 128, 32, 512, 6, 120};
        for (int i = 0; i < args.length; i++) {
            a[i] = Integer.parseInt(args[i]);
        }
        int layers = a[0], heads = a[1], dim = a[2], context = a[3], batch = a[4], vocab = a[5], steps = a[6];
        int tokens = a[7];
        TransformerLm model = new TransformerLm(new TransformerLm.Config(vocab, context, layers, heads, dim, 0f), 1);
        OptimizerRun run = new Adam(new Adam.Settings(6e-4, 0.9, 0.95, 1e-8, 0.1, true, false, false, false))
                .start(model.parameters());
        Rng rng = new Rng(3);
        int[] windows = new int[batch * (context + 1)];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = rng.nextInt(vocab);
        }
        model.trainStep(windows, batch, null, run, null); // JIT warm-up
        model.trainStep(windows, batch, null, run, null);
        var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = bean.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            model.trainStep(windows, batch, null, run, null);
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        double trainCpu = (bean.getProcessCpuTime() - cpu0) / 1e9;
        Generator generator = new Generator(model);
        int[] prompt = {1, 2, 3, 4};
        Sampling sampling = new Sampling(0.8, 40, 1.0);
        generator.generate(prompt, 32, sampling, 1, true, null); // warm-up
        long g0 = System.nanoTime();
        generator.generate(prompt, tokens, sampling, 1, true, null);
        double genSeconds = (System.nanoTime() - g0) / 1e9;
        long g1 = System.nanoTime();
        int uncached = Math.min(tokens, 64);
        generator.generate(prompt, uncached, sampling, 1, false, null);
        double uncachedSeconds = (System.nanoTime() - g1) / 1e9;
        System.out.printf(
                "{\"engine\": \"quiver\", \"kernel\": \"%s\", \"threads\": %d, \"parameters\": %d, "
                        + "\"train_tokens_per_s\": %.1f, \"train_cpu_s_per_wall_s\": %.2f, \"generate_tokens_per_s\": %.1f, "
                        + "\"generate_uncached_tokens_per_s\": %.1f}%n",
                Matmul.kernelName(),
                Parallel.threads(),
                model.parameterCount(),
                steps * (double) batch * context / trainSeconds,
                trainCpu / trainSeconds,
                tokens / genSeconds,
                uncached / uncachedSeconds);
    }
}
