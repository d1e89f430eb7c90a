package dev.quiver.plugins.tribuo.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.Task;
import dev.quiver.api.export.OnnxExportable;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.model.Model;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import dev.quiver.plugins.tribuo.OutputKind;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.tribuo.Example;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.protos.core.ModelProto;

/**
 * A fitted Tribuo model as a Quiver {@link Model}. Immutable; {@link #predict} is thread-safe because Tribuo's
 * models are safe for concurrent prediction. Saved with Tribuo's own protobuf serialisation, so a reload predicts
 * bit for bit the same. Exports to ONNX through Tribuo's own exporter where the model has one ({@link TribuoOnnx}).
 *
 * @param <T> the Tribuo output type
 */
public final class TribuoModel<T extends Output<T>> implements Model, OnnxExportable {

    /** The factory name models are saved and found under. */
    public static final String TYPE = "tribuo";

    private static final long FORMAT = 1;

    private final org.tribuo.Model<T> model;
    private final OutputAdapter<T> adapter;
    private final Task task;
    private final List<String> features;
    private final String trainer;
    private final Optional<Field> target;
    private final List<Field> fields;
    private final Schema schema;
    private final Examples examples;

    TribuoModel(
            org.tribuo.Model<T> model,
            OutputAdapter<T> adapter,
            Task task,
            List<String> features,
            String trainer,
            Optional<Field> target) {
        this.model = model;
        this.adapter = adapter;
        this.task = task;
        this.features = List.copyOf(features);
        this.trainer = trainer;
        this.target = target;
        this.fields = adapter.predictionFields(model.generatesProbabilities());
        this.schema = new Schema(fields);
        this.examples = new Examples(features);
    }

    /** Rebuilds a model from what {@link #save} wrote. */
    public static Model load(StateReader state) {
        if (state.getLong("format") != FORMAT) {
            throw new IllegalStateException(
                    "tribuo model state format " + state.getLong("format") + " is not the supported " + FORMAT);
        }
        Task task = Task.valueOf(state.getString("task"));
        Optional<Field> target = state.has("target")
                ? Optional.of(
                        schemaFromJson(state.getString("target")).getFields().get(0))
                : Optional.empty();
        OutputAdapter<?> adapter = OutputAdapter.of(OutputKind.of(task), target, state.getStrings("classes"));
        org.tribuo.Model<?> model;
        try {
            model = org.tribuo.Model.deserialize(ModelProto.parseFrom(state.getBytes("model")));
        } catch (InvalidProtocolBufferException e) {
            throw new QuiverException(ErrorCode.DATA, "The saved Tribuo model is damaged: " + e.getMessage(), e);
        }
        List<String> features = state.getStrings("features");
        // A feature the Tribuo model reads but the state does not list would silently be read as 0 at predict.
        for (org.tribuo.VariableInfo info : model.getFeatureIDMap()) {
            if (!features.contains(info.getName())) {
                throw state.damaged(
                        "features", "are " + features + " but the saved Tribuo model reads '" + info.getName() + "'");
            }
        }
        return of(model, adapter, task, features, state.getString("trainer"), target);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Output<T>> Model of(
            org.tribuo.Model<?> model,
            OutputAdapter<T> adapter,
            Task task,
            List<String> features,
            String trainer,
            Optional<Field> target) {
        return new TribuoModel<>((org.tribuo.Model<T>) model, adapter, task, features, trainer, target);
    }

    /** The wrapped Tribuo model, for tests and for callers who want Tribuo's own API. */
    public org.tribuo.Model<T> tribuoModel() {
        return model;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public List<String> features() {
        return features;
    }

    /** A missing cell becomes an absent feature, at training as at predict (see {@link Examples}). */
    @Override
    public boolean acceptsMissingValues() {
        return true;
    }

    @Override
    public List<String> classes() {
        return adapter.classes();
    }

    @Override
    public List<Field> predictionFields() {
        return fields;
    }

    @Override
    public VectorSchemaRoot predict(VectorSchemaRoot input, BufferAllocator allocator) {
        List<Example<T>> rows = examples.unlabelled(input, adapter);
        List<Prediction<T>> predictions = rows.isEmpty() ? List.of() : model.predict(rows);
        VectorSchemaRoot out = VectorSchemaRoot.create(schema, allocator);
        try {
            out.allocateNew();
            adapter.write(predictions, out);
            out.setRowCount(predictions.size());
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Through Tribuo's own ONNX export; a model without one is "cannot export" naming its Tribuo class. */
    @Override
    public void exportOnnx(OnnxGraph graph) {
        TribuoOnnx.export(model, adapter, fields, graph);
    }

    @Override
    public void save(StateWriter state) {
        state.putLong("format", FORMAT)
                .putString("task", task.name())
                .putString("trainer", trainer)
                .putStrings("features", features)
                .putStrings("classes", adapter.classes())
                .putBytes("model", model.serialize().toByteArray());
        target.ifPresent(t -> state.putString("target", new Schema(List.of(t)).toJson()));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("trainer", trainer);
        d.put("tribuoModel", model.getClass().getName());
        if (!adapter.classes().isEmpty()) {
            d.put("classes", adapter.classes());
        }
        d.put("generatesProbabilities", model.generatesProbabilities());
        if (task != Task.CLUSTERING) {
            LinearWeights.of(
                            model,
                            features,
                            adapter.classes(),
                            target.map(Field::getName).orElse(""))
                    .ifPresent(d::putAll);
        }
        d.put("provenance", ProvenanceMaps.of(model.getProvenance()));
        return d;
    }

    private static Schema schemaFromJson(String json) {
        try {
            return Schema.fromJSON(json);
        } catch (IOException e) {
            throw new IllegalStateException("target: unreadable field description " + json, e);
        }
    }
}
