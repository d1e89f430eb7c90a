package dev.quiver.runtime.export;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.export.OnnxExportable;
import dev.quiver.api.export.OnnxGraph;
import dev.quiver.api.transform.FittedTransform;
import dev.quiver.runtime.bundle.FittedPipeline;
import dev.quiver.runtime.bundle.RunMarker;
import dev.quiver.runtime.export.internal.ProtoGraph;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Exports a fitted pipeline as one ONNX model: the raw feature columns in ({@code [N, 1]} each: float64, int64,
 * bool or string), every fitted transform, then the model, out come the columns {@code quiver predict} writes
 * ({@code prediction}, and {@code probability_<class>} for classifiers), each {@code [N]}.
 *
 * <p>Each transform and the model describe themselves through {@link OnnxExportable}; this class only feeds
 * them the graph, adds the inputs and the metadata ({@code quiver.features}, {@code quiver.classes},
 * {@code quiver.version}, ...) and writes the file atomically. Stateless; any thread may call it.
 */
public final class OnnxExport {

    /** ONNX IR version 9 (ONNX 1.14), the first to carry opset 19. */
    static final long IR_VERSION = 9;

    private OnnxExport() {}

    /**
     * The ONNX model of {@code fitted}.
     *
     * @throws QuiverException with {@link ErrorCode#USAGE} ("cannot export this model") when the model or a
     *     transform cannot be expressed in ONNX, naming it and why
     */
    public static OnnxMl.ModelProto model(FittedPipeline fitted) {
        ProtoGraph graph = new ProtoGraph(fitted.name());
        String step = "input";
        try {
            for (Field field : fitted.inputSchema().getFields()) {
                if (fitted.target().filter(field.getName()::equals).isEmpty()) {
                    graph.input(field);
                }
            }
            for (FittedTransform t : fitted.transforms()) {
                step = "transform '" + t.type() + "'";
                exportable(t, step).exportOnnx(graph);
            }
            step = "model '" + fitted.model().type() + "'";
            exportable(fitted.model(), step).exportOnnx(graph);
        } catch (UnsupportedOperationException e) {
            throw cannotExport(fitted, step + ": " + e.getMessage(), e);
        }
        OnnxMl.GraphProto built = graph.build();
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(
                        OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxGraph.OPSET));
        // Domains an included graph (a Tribuo model's own export) uses, such as ai.onnx.ml.
        graph.domainImports()
                .forEach((domain, version) -> model.addOpsetImport(
                        OnnxMl.OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version)));
        return model.setProducerName("quiver")
                .setProducerVersion(RunMarker.QUIVER_VERSION)
                .setDomain("dev.quiver")
                .setDocString("Quiver pipeline '" + fitted.name() + "': raw feature columns in, the columns of "
                        + "'quiver predict' out.")
                .setGraph(built)
                .addAllMetadataProps(metadata(fitted).entrySet().stream()
                        .map(e -> OnnxMl.StringStringEntryProto.newBuilder()
                                .setKey(e.getKey())
                                .setValue(e.getValue())
                                .build())
                        .toList())
                .build();
    }

    /**
     * Writes {@link #model} to {@code output}: into a temporary file beside it, then renamed into place, so the
     * file appears whole or not at all. An existing file is replaced.
     */
    public static void write(FittedPipeline fitted, Path output) {
        OnnxMl.ModelProto model = model(fitted);
        Path absolute = output.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            try (OutputStream out = Files.newOutputStream(temp)) {
                model.writeTo(out);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new QuiverException(ErrorCode.DATA, "Cannot write " + output + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Nothing more to do: the temporary name starts with a dot and says what it was.
            }
        }
    }

    /** The metadata a consumer needs to call the model without Quiver; list values are JSON arrays. */
    static Map<String, String> metadata(FittedPipeline fitted) {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> props = new LinkedHashMap<>();
        try {
            props.put("quiver.version", RunMarker.QUIVER_VERSION);
            props.put("quiver.pipeline", fitted.name());
            props.put("quiver.task", fitted.task().label());
            props.put("quiver.model", fitted.model().type());
            props.put(
                    "quiver.inputs",
                    json.writeValueAsString(fitted.inputSchema().getFields().stream()
                            .map(Field::getName)
                            .filter(n -> fitted.target().filter(n::equals).isEmpty())
                            .toList()));
            props.put("quiver.features", json.writeValueAsString(fitted.features()));
            props.put("quiver.classes", json.writeValueAsString(fitted.classes()));
            fitted.target().ifPresent(t -> props.put("quiver.target", t));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return props;
    }

    private static OnnxExportable exportable(Object step, String name) {
        if (step instanceof OnnxExportable e) {
            return e;
        }
        throw new UnsupportedOperationException(name + " has no ONNX form");
    }

    private static QuiverException cannotExport(FittedPipeline fitted, String why, Throwable cause) {
        return new QuiverException(
                ErrorCode.USAGE,
                "Cannot export this model to ONNX (pipeline '" + fitted.name() + "'): " + why
                        + ". Exportable: the native linear, logistic, softmax and mlp models, and Tribuo's linear "
                        + "SGD, LIBLINEAR, LIBSVM and factorization-machine models, with standardize, min-max, "
                        + "impute (numeric) and one-hot.",
                cause);
    }
}
