package dev.quiver.engine.models;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.model.FitContext;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.Trainer;
import dev.quiver.api.model.TrainingData;
import dev.quiver.engine.data.DoubleBatches;
import dev.quiver.engine.linalg.StreamingLeastSquares;
import java.util.List;
import java.util.Set;

/**
 * Ordinary least squares (or ridge with {@code l2 > 0}) in closed form, in double precision, in two streamed
 * passes: the column means, then a Givens QR of the centred data. Centring makes the intercept exact and
 * leaves it unpenalised, as scikit-learn's {@code LinearRegression} and {@code Ridge} do. Immutable.
 */
final class LeastSquaresTrainer implements Trainer {

    private final boolean fitIntercept;
    private final double l2;

    LeastSquaresTrainer(boolean fitIntercept, double l2) {
        this.fitIntercept = fitIntercept;
        this.l2 = l2;
    }

    @Override
    public Set<Task> tasks() {
        return Set.of(Task.REGRESSION);
    }

    @Override
    public Model fit(TrainingData data, FitContext context) {
        List<String> features = data.features();
        int p = features.size();
        String target = data.target()
                .orElseThrow(() -> new QuiverException(ErrorCode.CONFIG, "linear-regression needs a target column."))
                .getName();

        double[] mean = new double[p + 1];
        if (fitIntercept) {
            long n = DoubleBatches.forEach(data, target, context.allocator(), (x, y, rows) -> {
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < p; j++) {
                        mean[j] += x[r * p + j];
                    }
                    mean[p] += y[r];
                }
            });
            for (int j = 0; j <= p; j++) {
                mean[j] /= Math.max(n, 1);
            }
        }

        StreamingLeastSquares solver = new StreamingLeastSquares(p);
        DoubleBatches.forEach(data, target, context.allocator(), (x, y, rows) -> {
            for (int r = 0; r < rows; r++) {
                int off = r * p;
                for (int j = 0; j < p; j++) {
                    x[off + j] -= mean[j];
                }
                solver.addRow(x, off, y[r] - mean[p]);
            }
        });
        if (solver.rows() == 0) {
            throw new QuiverException(ErrorCode.DATA, "linear-regression got no training rows.");
        }
        if (l2 > 0) {
            solver.addRidge(l2);
        } else {
            int dependent = solver.firstDependentColumn();
            if (dependent >= 0) {
                throw new QuiverException(
                        ErrorCode.DATA,
                        "Least squares has no unique solution: feature '"
                                + features.get(dependent)
                                + "' is constant or a linear combination of the features before it"
                                + (solver.rows() <= p
                                        ? " (there are " + solver.rows() + " rows for " + p + " features)"
                                        : "")
                                + ". Drop that feature, or set l2 > 0 for ridge regression.");
            }
        }
        double[] w = solver.solve();
        double b = mean[p];
        for (int j = 0; j < p; j++) {
            b -= w[j] * mean[j];
        }
        return new LinearModel(
                LinearRegressionFactory.NAME, features, new double[][] {w}, new double[] {b}, Head.regression());
    }
}
