package dev.quiver.plugins.tribuo.internal;

import dev.quiver.api.model.PredictionColumns;
import dev.quiver.plugins.tribuo.OutputKind;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;

/** Clustering: no target; predictions are Tribuo {@link ClusterID}s written as int64. */
final class ClusterAdapter extends OutputAdapter<ClusterID> {

    private static final ClusteringFactory FACTORY = new ClusteringFactory();

    @Override
    public OutputKind kind() {
        return OutputKind.CLUSTERING;
    }

    @Override
    public OutputFactory<ClusterID> factory() {
        return FACTORY;
    }

    @Override
    public ClusterID target(FieldVector target, int row, long passRow) {
        return unknown();
    }

    @Override
    public List<Field> predictionFields(boolean probabilities) {
        return List.of(
                new Field(PredictionColumns.PREDICTION, FieldType.notNullable(new ArrowType.Int(64, true)), null));
    }

    @Override
    public void write(List<Prediction<ClusterID>> predictions, VectorSchemaRoot out) {
        BigIntVector prediction = (BigIntVector) out.getVector(PredictionColumns.PREDICTION);
        for (int row = 0; row < predictions.size(); row++) {
            prediction.setSafe(row, predictions.get(row).getOutput().getID());
        }
    }
}
