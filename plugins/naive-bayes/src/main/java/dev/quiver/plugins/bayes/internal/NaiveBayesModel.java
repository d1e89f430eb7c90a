package dev.quiver.plugins.bayes.internal;

import dev.quiver.api.Task;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.Model;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A fitted naive Bayes classifier: class log priors plus a {@link Likelihood}. Bayes' theorem is applied in
 * log space, {@code log P(c | x) = log P(c) + log P(x | c) - log sum_c' P(c') P(x | c')}, with the last term
 * taken by log-sum-exp so that long rows of evidence do not underflow to 0/0. Predicts the most probable class
 * (the first on a tie) and every class's probability. Immutable; {@link #predict} is safe from many threads.
 */
public final class NaiveBayesModel implements Model {

    private final List<String> features;
    private final ClassLabels labels;
    private final double[] classCount;
    private final double[] classLogPrior;
    private final Likelihood likelihood;
    private final List<Field> predictionFields;

    NaiveBayesModel(
            List<String> features,
            ClassLabels labels,
            double[] classCount,
            double[] classLogPrior,
            Likelihood likelihood) {
        this.features = List.copyOf(features);
        this.labels = labels;
        this.classCount = classCount.clone();
        this.classLogPrior = classLogPrior.clone();
        this.likelihood = likelihood;
        List<Field> fields = new ArrayList<>();
        fields.add(labels.predictionField());
        for (String label : labels.classes()) {
            fields.add(PredictionColumns.float64(PredictionColumns.probability(label)));
        }
        this.predictionFields = List.copyOf(fields);
    }

    public static NaiveBayesModel load(StateReader state) {
        List<String> features = state.getStrings("features");
        List<String> classes = state.getStrings("classes");
        ArrowType targetType;
        try {
            targetType = Schema.fromJSON(state.getString("targetSchema"))
                    .getFields()
                    .get(0)
                    .getType();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable target type in naive-bayes state", e);
        }
        int k = classes.size();
        int d = features.size();
        if (k < 2) {
            throw state.damaged("classes", "are " + classes + "; a classifier needs at least two");
        }
        StateReader params = state.child("likelihood");
        Likelihood likelihood =
                switch (state.getString("kind")) {
                    case "gaussian" -> GaussianLikelihood.load(params, k, d);
                    case "multinomial" -> MultinomialLikelihood.load(params, k, d);
                    case "bernoulli" -> BernoulliLikelihood.load(params, k, d);
                    default ->
                        throw new IllegalStateException("unknown naive-bayes kind '" + state.getString("kind") + "'");
                };
        return new NaiveBayesModel(
                features,
                new ClassLabels(classes, targetType),
                state.getDoubles("classCount", k),
                state.getDoubles("classLogPrior", k),
                likelihood);
    }

    @Override
    public String type() {
        return "naive-bayes";
    }

    @Override
    public Task task() {
        return labels.size() == 2 ? Task.BINARY : Task.MULTICLASS;
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public List<String> classes() {
        return labels.classes();
    }

    @Override
    public List<Field> predictionFields() {
        return predictionFields;
    }

    /** {@code P(class | row)} for each row of a row-major {@code rows x features} matrix, row-major too. */
    double[] probabilities(double[] x, int rows) {
        int k = labels.size();
        int d = features.size();
        double[] out = new double[rows * k];
        double[] jll = new double[k];
        for (int r = 0; r < rows; r++) {
            likelihood.logLikelihood(x, r * d, jll);
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                jll[c] += classLogPrior[c];
                max = Math.max(max, jll[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(jll[c] - max);
            }
            double logEvidence = max + Math.log(sum);
            for (int c = 0; c < k; c++) {
                out[r * k + c] = Math.exp(jll[c] - logEvidence);
            }
        }
        return out;
    }

    @Override
    public VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator) {
        int rows = input.getRowCount();
        int k = labels.size();
        double[] proba = probabilities(FeatureMatrix.read(input, features, "predict", "batch", 1), rows);
        List<FieldVector> vectors = new ArrayList<>();
        try {
            FieldVector prediction = labels.newPredictionVector(allocator, rows);
            vectors.add(prediction);
            for (int c = 0; c < k; c++) {
                Float8Vector p = (Float8Vector) predictionFields.get(c + 1).createVector(allocator);
                p.allocateNew(rows);
                for (int r = 0; r < rows; r++) {
                    p.set(r, proba[r * k + c]);
                }
                p.setValueCount(rows);
                vectors.add(p);
            }
            for (int r = 0; r < rows; r++) {
                labels.setLabel(prediction, r, argmax(proba, r * k, k));
            }
            prediction.setValueCount(rows);
        } catch (RuntimeException e) {
            try {
                AutoCloseables.close(vectors);
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new VectorSchemaRoot(predictionFields, vectors, rows);
    }

    private static int argmax(double[] values, int offset, int length) {
        int best = 0;
        for (int c = 1; c < length; c++) {
            if (values[offset + c] > values[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public void save(StateWriter state) {
        Field target = new Field("target", FieldType.nullable(labels.targetType()), null);
        state.putString("kind", likelihood.kind())
                .putStrings("features", features)
                .putStrings("classes", labels.classes())
                .putString("targetSchema", new Schema(List.of(target)).toJson())
                .putDoubles("classCount", classCount)
                .putDoubles("classLogPrior", classLogPrior);
        likelihood.save(state.child("likelihood"));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", likelihood.kind());
        out.put("classes", labels.classes());
        out.put("features", features);
        Map<String, Object> priors = new LinkedHashMap<>();
        Map<String, Object> counts = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            priors.put(labels.classes().get(c), Math.exp(classLogPrior[c]));
            counts.put(labels.classes().get(c), classCount[c]);
        }
        out.put("classPrior", priors);
        out.put("classCount", counts);
        likelihood.describe(out);
        return out;
    }
}
