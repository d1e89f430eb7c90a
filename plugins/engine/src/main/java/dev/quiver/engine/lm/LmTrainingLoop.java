package dev.quiver.engine.lm;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.model.Checkpoints;
import dev.quiver.api.model.EarlyStopping;
import dev.quiver.api.model.EpochStats;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.TrainingSetup;
import dev.quiver.api.optim.OptimizerRun;
import dev.quiver.api.optim.Parameter;
import dev.quiver.api.optim.Scheduler;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.engine.tensor.Rng;
import dev.quiver.engine.transformer.TransformerLm;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The optimizer steps of one {@code transformer-lm} fit, with its evaluations, early stopping and checkpoints.
 *
 * <p>The unit of reporting, early stopping ({@code patience}) and checkpoints ({@code checkpoint.every}) is an
 * <em>evaluation</em>: one history row, written after every pass over the windows, or, with {@code steps}, every
 * tenth of them if that comes sooner. That is what an "epoch" is to the runtime for this model (GPT training
 * evaluates every N iterations, not per pass).
 *
 * <p>Reproducibility: a checkpoint holds everything that changes while training (parameters, optimizer moments,
 * schedule position, the window order and both random streams, the early-stopping state and the best weights),
 * so a resumed fit ends bit-identical to an uninterrupted one. One instance per fit, confined to the calling
 * thread.
 */
final class LmTrainingLoop {

    private static final int EVAL_BATCH = 32;

    private final TransformerLm model;
    private final TrainingSetup setup;
    private final FitContext context;
    private final Windows train;
    private final Optional<Windows> validation;
    private final CompletionMask mask;
    private final List<Parameter> parameters;
    private final int batch;
    private final long total;
    private final long interval;

    private final Rng shuffle;
    private final Rng dropout;
    private int[] order;
    private int position;
    private long step;
    private int reported;

    // Early stopping: the best watched figure, evaluations since, and the weights of the best evaluation.
    private double best = Double.NaN;
    private int badEvaluations;
    private int bestEvaluation;
    private float[][] bestValues;

    LmTrainingLoop(
            TransformerLm model,
            TrainingSetup setup,
            FitContext context,
            Windows train,
            Optional<Windows> validation,
            CompletionMask mask,
            long seed,
            float dropoutRate) {
        this.model = model;
        this.setup = setup;
        this.context = context;
        this.train = train;
        this.validation = validation;
        this.mask = mask;
        this.parameters = model.parameters();
        this.batch = setup.batchSize() == TrainingSetup.FULL_BATCH
                ? train.count()
                : Math.min(setup.batchSize(), train.count());
        int perPass = (train.count() + batch - 1) / batch;
        this.total = setup.steps() > 0 ? setup.steps() : (long) setup.epochs() * perPass;
        this.interval = setup.steps() > 0 ? Math.max(1, Math.min(perPass, (total + 9) / 10)) : perPass;
        this.shuffle = Rng.derive(seed, "windows");
        this.dropout = dropoutRate > 0 ? Rng.derive(seed, "dropout") : null;
    }

    /** Trains {@link #model} in place; on return it holds the last (or, with restoreBest, the best) weights. */
    void run() {
        OptimizerRun run = new ClippedRun(setup.optimizer().start(parameters), setup.clip(), parameters);
        Scheduler scheduler = setup.schedule().start(run, (int) Math.min(Integer.MAX_VALUE, total));
        Checkpoints checkpoints =
                context.checkpoints().filter(c -> c.every() > 0).orElse(null);
        EarlyStopping stopping = earlyStopping();
        order = permutation(train.count(), shuffle);
        if (checkpoints != null && checkpoints.latest().isPresent()) {
            restore(checkpoints.latest().get(), run, scheduler);
        }
        double lossSum = 0;
        long windowsSeen = 0;
        long started = System.nanoTime();
        for (; step < total; step++) {
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
            if ((step + 1) % interval != 0 && step + 1 != total) {
                continue;
            }
            double trainLoss = lossSum / ((step + 1) - (long) reported * interval);
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
            boolean stop = stopping != null
                    && watch(
                            stopping, stopping.monitor().equals(EarlyStopping.TRAIN_LOSS) ? trainLoss : validationLoss);
            if (checkpoints != null && (reported % checkpoints.every() == 0 || stop)) {
                final boolean stopped = stop;
                checkpoints.save(reported, state -> save(state, stopped, run, scheduler));
            }
            if (stop) {
                context.note(String.format(
                        Locale.ROOT,
                        "early stopping after step %d (evaluation %d): %s has not improved for %d evaluations",
                        step + 1,
                        reported,
                        stopping.monitor(),
                        badEvaluations));
                break;
            }
            started = System.nanoTime();
        }
        if (stopping != null && stopping.restoreBest() && bestValues != null) {
            copy(bestValues, parameters);
            context.note(String.format(
                    Locale.ROOT,
                    "kept the weights of evaluation %d (step %d), the best by %s",
                    bestEvaluation,
                    Math.min(total, bestEvaluation * interval),
                    stopping.monitor()));
        }
    }

    /** Records one evaluation's watched figure; whether training should stop. */
    private boolean watch(EarlyStopping stopping, double watched) {
        if (stopping.improves(watched, best)) {
            best = watched;
            bestEvaluation = reported;
            badEvaluations = 0;
            if (stopping.restoreBest()) {
                bestValues = snapshot(parameters);
            }
            return false;
        }
        return ++badEvaluations > stopping.patience();
    }

    private EarlyStopping earlyStopping() {
        EarlyStopping stopping = setup.earlyStopping().orElse(null);
        if (stopping == null) {
            return null;
        }
        if (stopping.monitor().equals(EarlyStopping.VALIDATION_ACCURACY)) {
            throw new QuiverException(
                    ErrorCode.CONFIG,
                    "training.earlyStopping.monitor is validation_accuracy, but transformer-lm predicts tokens,"
                            + " not classes; monitor validation_loss (the log of validation perplexity) or"
                            + " train_loss.");
        }
        if (validation.isEmpty() && !stopping.monitor().equals(EarlyStopping.TRAIN_LOSS)) {
            context.warn("earlyStopping monitors " + stopping.monitor() + " but the text source holds out no"
                    + " validation text (validation: 0); it watches train_loss instead.");
            return stopping.monitoring(EarlyStopping.TRAIN_LOSS);
        }
        return stopping;
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
        rng.shuffle(a, n);
        return a;
    }

    private void save(StateWriter state, boolean stopped, OptimizerRun run, Scheduler scheduler) {
        state.putLong("epoch", reported);
        state.putLong("step", step + 1); // saved at the end of a step: a resumed fit starts at the next
        // An early-stopped fit is finished: resuming it must not train on.
        state.putLong("stopped", stopped ? 1 : 0);
        state.putLong("windows", train.count());
        long[] orderValues = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            orderValues[i] = order[i];
        }
        state.putLongs("order", orderValues);
        state.putLong("position", position);
        state.putLong("shuffleRng", shuffle.state());
        if (dropout != null) {
            state.putLong("dropoutRng", dropout.state());
        }
        put(state.child("parameters"), parameters, null);
        run.save(state.child("optimizer"));
        scheduler.save(state.child("schedule"));
        StateWriter early = state.child("earlyStopping");
        early.putDouble("best", best);
        early.putLong("badEvaluations", badEvaluations);
        early.putLong("bestEvaluation", bestEvaluation);
        if (bestValues != null) {
            put(early.child("bestParameters"), parameters, bestValues);
        }
    }

    private void restore(StateReader state, OptimizerRun run, Scheduler scheduler) {
        if (state.getLong("windows") != train.count() || !state.has("order")) {
            throw notThisModel("the text source has another number of windows");
        }
        get(state.child("parameters"), parameters, null);
        run.restore(state.child("optimizer"));
        scheduler.restore(state.child("schedule"));
        long[] orderValues = state.getLongs("order", train.count());
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) orderValues[i];
        }
        position = (int) state.getLong("position");
        shuffle.setState(state.getLong("shuffleRng"));
        if (dropout != null) {
            dropout.setState(state.getLong("dropoutRng"));
        }
        reported = (int) state.getLong("epoch");
        step = state.getLong("stopped") == 1 ? total : state.getLong("step");
        StateReader early = state.child("earlyStopping");
        best = early.getDouble("best");
        badEvaluations = (int) early.getLong("badEvaluations");
        bestEvaluation = (int) early.getLong("bestEvaluation");
        if (early.has("bestParameters")) {
            bestValues = snapshot(parameters);
            get(early.child("bestParameters"), parameters, bestValues);
        }
    }

    /** Writes each parameter's values, or, given {@code values}, those arrays under the parameters' names. */
    private static void put(StateWriter state, List<Parameter> parameters, float[][] values) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            state.putFloats(p.name(), values == null ? p.value() : values[i]);
        }
    }

    /** Reads each parameter's values into it, or, given {@code into}, into those arrays. */
    private static void get(StateReader state, List<Parameter> parameters, float[][] into) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] saved = state.has(p.name()) ? state.getFloats(p.name()) : null;
            if (saved == null || saved.length != p.value().length) {
                throw notThisModel("parameter " + p.name() + " is " + (saved == null ? "missing" : "of another size"));
            }
            System.arraycopy(saved, 0, into == null ? p.value() : into[i], 0, saved.length);
        }
    }

    private static QuiverException notThisModel(String why) {
        return new QuiverException(
                ErrorCode.DATA,
                "The checkpoint does not fit this model (" + why + "): it was written by a different pipeline."
                        + " Start without --resume, or restore the pipeline that wrote it.");
    }

    private static float[][] snapshot(List<Parameter> parameters) {
        float[][] out = new float[parameters.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = parameters.get(i).value().clone();
        }
        return out;
    }

    private static void copy(float[][] values, List<Parameter> into) {
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(values[i], 0, into.get(i).value(), 0, values[i].length);
        }
    }
}
