package dev.quiver.runtime.exec.internal;

import dev.quiver.api.model.EpochStats;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The per-epoch figures of a training run, in order, and their CSV form ({@code history.csv}): columns
 * {@code epoch, train_loss, validation_loss, learning_rate, rows, seconds}, then every extra metric by name in
 * sorted order. A missing or NaN value is an empty cell. Confined to the training thread.
 */
public final class History {

    private final List<EpochStats> epochs = new ArrayList<>();

    public void add(EpochStats stats) {
        epochs.add(stats);
    }

    /** Drops epochs after {@code epoch}: what a resumed run recomputes. */
    public void truncateAfter(int epoch) {
        epochs.removeIf(e -> e.epoch() > epoch);
    }

    public List<EpochStats> epochs() {
        return List.copyOf(epochs);
    }

    public String toCsv() {
        TreeSet<String> extra = new TreeSet<>();
        epochs.forEach(e -> extra.addAll(e.metrics().keySet()));
        StringBuilder out = new StringBuilder("epoch,train_loss,validation_loss,learning_rate,rows,seconds");
        extra.forEach(name -> out.append(',').append(name));
        out.append('\n');
        for (EpochStats e : epochs) {
            out.append(e.epoch())
                    .append(',')
                    .append(cell(e.trainLoss()))
                    .append(',')
                    .append(cell(e.validationLoss()))
                    .append(',')
                    .append(cell(e.learningRate()))
                    .append(',')
                    .append(e.rows())
                    .append(',')
                    .append(cell(e.seconds()));
            for (String name : extra) {
                Double v = e.metrics().get(name);
                out.append(',').append(v == null ? "" : cell(v));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
