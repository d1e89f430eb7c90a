package dev.quiver.engine.train;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.model.EarlyStopping;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.TrainingData;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.optim.Loss;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.api.optim.Scheduler;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.engine.data.FloatBatches;
import dev.quiver.engine.data.Targets;
import dev.quiver.engine.nn.Network;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.tensor.Tensor;
import dev.quiver.engine.tensor.Workspace;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mini-batch training of a {@link Network}: forward, loss, backward, clip, optimizer step, schedule; then, per
 * epoch, validation, the {@link EpochStats} report, early stopping and checkpoints. The forward and backward
 * passes are a {@link Pass}: fused for a single layer, the autograd graph otherwise; everything else is shared.
 *
 * <p>Reproducibility: initial weights, shuffles and dropout masks all derive from one seed and the epoch
 * number, kernels are deterministic, and a checkpoint holds everything else that changes (parameters,
 * optimizer moments, schedule position, early-stopping state), so a resumed run ends bit-identical to an
 * uninterrupted one. One instance per fit, confined to the calling thread.
 */
public final class TrainingLoop {

    /**
     * The system property that, set to {@code false}, trains single-layer networks through the general autograd
     * graph instead of the fused linear step (the same numbers, slower): for benchmarks and comparisons.
     */
    public static final String FUSED = "quiver.fusedLinear";

    private final Network network;
    private final TrainingData data;
    private final Targets targets;
    private final Loss loss;
    private final TrainingSetup setup;
    private final FitContext context;
    private final long seed;
    private final List<Parameter> parameters;
    /** The logit from which a one-output classifier predicts class 1: its probability threshold, as a log-odds. */
    private final double decisionLogit;
    /** The step's forward and backward passes: fused for a single layer unless {@link #FUSED} says false. */
    private final Pass pass;

    private final Workspace workspace = new Workspace();
    private float[] lossGradient = new float[0];

    // Early-stopping state, part of a checkpoint.
    private double best = Double.NaN;
    private int badEpochs;
    /** The epoch whose parameters {@code bestNetwork} holds; like it, not checkpointed. */
    private int bestEpoch;

    private Network bestNetwork;

    /**
     * @param threshold for a one-output classifier, the probability of class 1 from which it is predicted (as the
     *     fitted model will), so that validation accuracy counts what predictions will say; 0.5 otherwise
     */
    public TrainingLoop(
            Network network,
            TrainingData data,
            Targets targets,
            TrainingSetup setup,
            FitContext context,
            long seed,
            double threshold) {
        this.network = network;
        this.data = data;
        this.targets = targets;
        this.loss = setup.loss();
        this.setup = setup;
        this.context = context;
        this.seed = seed;
        this.parameters = network.parameters();
        this.decisionLogit = Math.log(threshold / (1 - threshold));
        this.pass = Pass.of(network, !"false".equals(System.getProperty(FUSED)));
    }

    /** Trains {@link #network} in place; on return it holds the final (or, with restoreBest, the best) values. */
    public void run() {
        OptimizerRun run = setup.optimizer().start(parameters);
        Scheduler scheduler = setup.schedule().start(run, setup.epochs());
        Checkpoints checkpoints =
                context.checkpoints().filter(c -> c.every() > 0).orElse(null);
        int firstEpoch = 0;
        if (checkpoints != null && checkpoints.latest().isPresent()) {
            firstEpoch = restore(checkpoints.latest().get(), run, scheduler);
        }
        EarlyStopping stopping = earlyStopping();
        Minibatches batches = new Minibatches(data, targets, setup, seed, context.allocator());
        int width = network.outputs();

        LossWatch watch = new LossWatch();
        for (int epoch = firstEpoch; epoch < setup.epochs(); epoch++) {
            long start = System.nanoTime();
            Rng dropout = Rng.derive(seed, "dropout-" + epoch);
            double[] lossSum = {0};
            int[] steps = {0};
            final int epochNumber = epoch + 1;
            long rows = batches.epoch(epoch, (x, y, n) -> {
                workspace.activate();
                try {
                    float[] out = pass.forward(x, n, dropout);
                    float[] gradient = lossGradient(n * width);
                    double value = loss.evaluate(out, y, n, width, gradient);
                    steps[0]++;
                    if (!Double.isFinite(value)) {
                        throw diverged(epochNumber, steps[0], value, run.learningRate());
                    }
                    lossSum[0] += value;
                    pass.backward(x, n, gradient);
                    setup.clip().clip(parameters);
                    run.step();
                    scheduler.stepEnded();
                } finally {
                    workspace.close();
                }
            });
            double trainLoss = lossSum[0] / Math.max(1, steps[0]);
            watch.epochEnded(epochNumber, trainLoss);
            Map<String, Double> metrics = new HashMap<>();
            double validationLoss = validate(metrics);
            scheduler.epochEnded(Double.isNaN(validationLoss) ? trainLoss : validationLoss);
            double seconds = (System.nanoTime() - start) / 1e9;
            context.epochEnded(
                    new EpochStats(epochNumber, trainLoss, validationLoss, metrics, rows, seconds, run.learningRate()));

            boolean stop = false;
            if (stopping != null) {
                double watched =
                        switch (stopping.monitor()) {
                            case EarlyStopping.TRAIN_LOSS -> trainLoss;
                            case EarlyStopping.VALIDATION_ACCURACY ->
                                metrics.getOrDefault(EarlyStopping.VALIDATION_ACCURACY, Double.NaN);
                            default -> validationLoss;
                        };
                if (stopping.improves(watched, best)) {
                    best = watched;
                    bestEpoch = epochNumber;
                    badEpochs = 0;
                    if (stopping.restoreBest()) {
                        bestNetwork = network.copy();
                    }
                } else {
                    stop = ++badEpochs > stopping.patience();
                }
            }
            if (checkpoints != null && (epochNumber % checkpoints.every() == 0 || stop)) {
                final boolean stopped = stop;
                checkpoints.save(epochNumber, state -> save(state, epochNumber, stopped, run, scheduler));
            }
            if (stop) {
                context.note(String.format(
                        Locale.ROOT,
                        "early stopping after epoch %d: %s has not improved for %d epochs",
                        epochNumber,
                        stopping.monitor(),
                        badEpochs));
                break;
            }
        }
        if (stopping != null && stopping.restoreBest() && bestNetwork != null) {
            network.copyValuesFrom(bestNetwork); // the saved parameters are the best epoch's, not the last's
            context.note(String.format(
                    Locale.ROOT, "kept the parameters of epoch %d, the best by %s", bestEpoch, stopping.monitor()));
        } else {
            watch.warnIfGrown(context, run.learningRate());
        }
    }

    /**
     * The first and last epoch's training loss of this fit: a loss that ends far above where it started (a
     * learning rate too large to descend, short of the NaN that {@link #diverged} catches) is saved, but not
     * without a word.
     */
    private static final class LossWatch {
        /** How many times the first epoch's loss the last may reach before the user is warned. */
        static final double GROWTH = 10.0;

        private double first = Double.NaN;
        private double last = Double.NaN;
        private int firstEpoch;
        private int lastEpoch;

        void epochEnded(int epoch, double trainLoss) {
            if (Double.isNaN(first)) {
                first = trainLoss;
                firstEpoch = epoch;
            }
            last = trainLoss;
            lastEpoch = epoch;
        }

        void warnIfGrown(FitContext context, double lr) {
            if (lastEpoch == firstEpoch || !(first > 0) || !(last > GROWTH * first)) {
                return;
            }
            context.warn(String.format(
                    java.util.Locale.ROOT,
                    "The training loss grew from %.6g (epoch %d) to %.6g"
                            + " (epoch %d): the model did not learn. Try a smaller learning rate (it ended at"
                            + " %.6g), e.g. a tenth of it, or standardised features.",
                    first,
                    firstEpoch,
                    last,
                    lastEpoch,
                    lr));
        }
    }

    private EarlyStopping earlyStopping() {
        EarlyStopping stopping = setup.earlyStopping().orElse(null);
        if (stopping != null
                && stopping.monitor().equals(EarlyStopping.VALIDATION_ACCURACY)
                && !targets.isClassification()) {
            // Without this the figure would be NaN every epoch: never an improvement, so a silent stop after
            // patience + 1 epochs.
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "earlyStopping monitors validation_accuracy, but this"
                            + " model predicts numbers, not classes; monitor validation_loss instead.");
        }
        if (stopping != null
                && data.validation().isEmpty()
                && !stopping.monitor().equals(EarlyStopping.TRAIN_LOSS)) {
            context.warn("earlyStopping monitors " + stopping.monitor() + " but there are no validation rows;"
                    + " it watches train_loss instead.");
            return stopping.monitoring(EarlyStopping.TRAIN_LOSS);
        }
        return stopping;
    }

    private float[] lossGradient(int size) {
        if (lossGradient.length < size) {
            lossGradient = new float[size];
        }
        return lossGradient;
    }

    /** The row-weighted mean loss on the validation rows (NaN without them), and their accuracy. */
    private double validate(Map<String, Double> metrics) {
        if (data.validation().isEmpty()) {
            return Double.NaN;
        }
        int p = network.inputs();
        int width = network.outputs();
        double[] sums = new double[3];
        FloatBatches.forEach(data.validation().get(), targets, context.allocator(), (x, y, n) -> {
            workspace.activate();
            try {
                Tensor out = network.forward(Tensor.of(x, n, p), false, null);
                sums[0] += loss.evaluate(out.data(), y, n, width, lossGradient(n * width)) * n;
                sums[1] += n;
                if (targets.isClassification()) {
                    float[] o = out.data();
                    for (int r = 0; r < n; r++) {
                        if (predictedClass(o, r, width, decisionLogit) == targets.classOf(y, r)) {
                            sums[2]++;
                        }
                    }
                }
            } finally {
                workspace.close();
            }
        });
        if (sums[1] == 0) {
            return Double.NaN;
        }
        if (targets.isClassification()) {
            metrics.put(EarlyStopping.VALIDATION_ACCURACY, sums[2] / sums[1]);
        }
        return sums[0] / sums[1];
    }

    private static int predictedClass(float[] out, int r, int width, double decisionLogit) {
        if (width == 1) {
            return out[r] >= decisionLogit ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (out[r * width + c] > out[r * width + best]) {
                best = c;
            }
        }
        return best;
    }

    private static QuiverException diverged(int epoch, int step, double value, double lr) {
        return new QuiverException(
                ErrorCode.DIVERGED,
                "Training diverged at epoch " + epoch + ", step " + step
                        + ": the loss became " + (Double.isNaN(value) ? "NaN" : "infinite")
                        + ". Try a lower learning rate"
                        + " (it was " + lr + "), gradient clipping (clip: {maxNorm: 1.0}), or standardised features.");
    }

    private void save(StateWriter state, int epoch, boolean stopped, OptimizerRun run, Scheduler scheduler) {
        state.putLong("epoch", epoch);
        // An early-stopped run is finished: resuming it must not train on.
        state.putLong("stopped", stopped ? 1 : 0);
        StateWriter values = state.child("parameters");
        for (Parameter p : parameters) {
            values.putFloats(p.name(), p.value());
        }
        run.save(state.child("optimizer"));
        scheduler.save(state.child("schedule"));
        StateWriter early = state.child("earlyStopping");
        early.putDouble("best", best);
        early.putLong("badEpochs", badEpochs);
        if (bestNetwork != null) {
            StateWriter bestValues = early.child("bestParameters");
            for (Parameter p : bestNetwork.parameters()) {
                bestValues.putFloats(p.name(), p.value());
            }
        }
    }

    private int restore(StateReader state, OptimizerRun run, Scheduler scheduler) {
        restoreValues(state.child("parameters"), parameters);
        run.restore(state.child("optimizer"));
        scheduler.restore(state.child("schedule"));
        StateReader early = state.child("earlyStopping");
        best = early.getDouble("best");
        badEpochs = (int) early.getLong("badEpochs");
        if (early.has("bestParameters")) {
            bestNetwork = network.copy();
            restoreValues(early.child("bestParameters"), bestNetwork.parameters());
        }
        return state.getLong("stopped") == 1 ? setup.epochs() : (int) state.getLong("epoch");
    }

    private static void restoreValues(StateReader state, List<Parameter> into) {
        for (Parameter p : into) {
            float[] saved = state.has(p.name()) ? state.getFloats(p.name()) : null;
            if (saved == null || saved.length != p.value().length) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "The checkpoint does not fit this model (parameter "
                                + p.name() + " is " + (saved == null ? "missing" : "of another size")
                                + "): it was written by a different pipeline. Start without --resume, or restore the"
                                + " pipeline that wrote it.");
            }
            System.arraycopy(saved, 0, p.value(), 0, saved.length);
        }
    }
}
