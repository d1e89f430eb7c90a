package dev.quiver.plugins.tribuo.internal;

import dev.quiver.api.QuiverException;
import dev.quiver.api.model.ClassLabels;
import dev.quiver.api.model.PredictionColumns;
import dev.quiver.plugins.tribuo.OutputKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

/** Classification: Tribuo {@link Label}s named by the class texts of {@link ClassLabels}. */
final class LabelAdapter extends OutputAdapter<Label> {

    private static final LabelFactory FACTORY = new LabelFactory();

    private final ClassLabels labels;
    /** One immutable Label per class, shared by every training example of that class. */
    private final Label[] byIndex;

    LabelAdapter(ClassLabels labels) {
        this.labels = labels;
        this.byIndex = labels.classes().stream().map(Label::new).toArray(Label[]::new);
    }

    @Override
    public OutputKind kind() {
        return OutputKind.CLASSIFICATION;
    }

    @Override
    public OutputFactory<Label> factory() {
        return FACTORY;
    }

    @Override
    public List<String> classes() {
        return labels.classes();
    }

    @Override
    public Label target(FieldVector target, int row, long passRow) {
        String label = ClassLabels.labelOf(target, row);
        int index = label == null ? -1 : labels.indexOf(label);
        if (index < 0) {
            throw QuiverException.data(
                    "training data",
                    passRow,
                    target.getName(),
                    label == null
                            ? "the target is empty in this row; drop or impute such rows before training"
                            : "label '" + label + "' is not one of the known classes " + labels.classes());
        }
        return byIndex[index];
    }

    @Override
    public List<Field> predictionFields(boolean probabilities) {
        List<Field> fields = new ArrayList<>();
        fields.add(labels.predictionField());
        if (probabilities) {
            labels.classes().forEach(c -> fields.add(PredictionColumns.float64(PredictionColumns.probability(c))));
        }
        return fields;
    }

    @Override
    public void write(List<Prediction<Label>> predictions, VectorSchemaRoot out) {
        FieldVector prediction = out.getVector(PredictionColumns.PREDICTION);
        int classes = labels.size();
        boolean probabilities = out.getFieldVectors().size() > 1;
        Float8Vector[] probability = new Float8Vector[probabilities ? classes : 0];
        for (int c = 0; c < probability.length; c++) {
            probability[c] = (Float8Vector)
                    out.getVector(PredictionColumns.probability(labels.classes().get(c)));
        }
        for (int row = 0; row < predictions.size(); row++) {
            Prediction<Label> p = predictions.get(row);
            labels.setLabel(prediction, row, labels.indexOf(p.getOutput().getLabel()));
            if (probabilities) {
                Map<String, Label> scores = p.getOutputScores();
                for (int c = 0; c < classes; c++) {
                    Label score = scores.get(labels.classes().get(c));
                    probability[c].setSafe(row, score == null ? 0.0 : score.getScore());
                }
            }
        }
    }
}
