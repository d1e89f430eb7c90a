package dev.quiver.api.transform;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.PluginContext;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.Config;
import dev.quiver.api.config.Option;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.Source;
import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A base for the common stateless transform: one function {@code double -> double} applied to every value of
 * some numeric columns, each of which becomes a float64 column of the same name (missing cells stay missing;
 * every other column passes through). A subclass gives a name, a description and the function:
 *
 * <pre>{@code
 * public final class Log1pFactory extends ColumnMapTransform {
 *     public Log1pFactory() { super("log1p", "log(1 + x) of each selected column."); }
 *     protected DoubleUnaryOperator function(Map<String, Double> parameters) { return Math::log1p; }
 * }
 * }</pre>
 *
 * <p>The base declares {@link #COLUMNS} (the columns to map; every numeric feature when empty) and the
 * subclass's {@link #parameters()}, plans the output schema before any data is read, saves the selection and the
 * parameters' values so that {@link #load} rebuilds the same function, and never writes its input. Fitting reads
 * no rows. Subclasses must be stateless; the factory, its transforms and its fitted transforms are immutable and
 * may be used from any thread.
 */
public abstract class ColumnMapTransform implements TransformFactory {

    /** The columns to map; every numeric feature when empty. */
    public static final Option<List<String>> COLUMNS = Option.strings("columns", List.of())
            .describe("The numeric columns to map; every numeric feature when empty.");

    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

    private final String name;
    private final String description;

    protected ColumnMapTransform(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** The function's own real-valued options (none by default); their values are saved with the fit. */
    protected List<Option<Double>> parameters() {
        return List.of();
    }

    /** The function of every present value, given each of {@link #parameters()}'s values by option name. */
    protected abstract DoubleUnaryOperator function(Map<String, Double> parameters);

    /** Checks rules across parameters (say, {@code min <= max}), recording problems on {@code config}. */
    protected void check(Map<String, Double> parameters, Config config) {}

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Option<?>> options() {
        List<Option<?>> options = new ArrayList<>(List.of(COLUMNS));
        options.addAll(parameters());
        return List.copyOf(options);
    }

    @Override
    public final Transform create(Config config, PluginContext context) {
        List<String> columns = config.get(COLUMNS);
        Map<String, Double> values = new LinkedHashMap<>();
        for (Option<Double> parameter : parameters()) {
            values.put(parameter.name(), config.get(parameter));
        }
        check(values, config);
        return new Configured(columns, Map.copyOf(values));
    }

    @Override
    public final FittedTransform load(StateReader state, PluginContext context) {
        Map<String, Double> values = new LinkedHashMap<>();
        StateReader saved = state.child("parameters");
        for (Option<Double> parameter : parameters()) {
            values.put(parameter.name(), saved.getDouble(parameter.name()));
        }
        return new Fitted(state.getStrings("columns"), Map.copyOf(values));
    }

    /** The configured transform: the user's selection, resolved against the schema it meets. */
    private final class Configured implements Transform {
        private final List<String> requested;
        private final Map<String, Double> parameters;

        Configured(List<String> requested, Map<String, Double> parameters) {
            this.requested = List.copyOf(requested);
            this.parameters = parameters;
        }

        private List<String> select(Schema input, Columns columns) {
            List<String> names = input.getFields().stream().map(Field::getName).toList();
            if (requested.isEmpty()) {
                return input.getFields().stream()
                        .filter(f -> columns.features().contains(f.getName()) && ArrowColumns.isNumeric(f))
                        .map(Field::getName)
                        .toList();
            }
            for (String column : requested) {
                if (!names.contains(column)) {
                    throw new QuiverException(
                            ErrorCode.CONFIG, name + ": no column '" + column + "'; the columns are " + names);
                }
                if (columns.target().filter(column::equals).isPresent()) {
                    throw new QuiverException(ErrorCode.CONFIG, name + ": '" + column + "' is the target");
                }
                Field field = input.findField(column);
                if (!ArrowColumns.isNumeric(field)) {
                    throw new QuiverException(
                            ErrorCode.CONFIG,
                            name + ": column '" + column + "' is " + field.getType() + ", not a number");
                }
            }
            return requested;
        }

        @Override
        public TransformPlan plan(Schema input, Columns columns) {
            return new TransformPlan(new Fitted(select(input, columns), parameters).outputSchema(input), columns);
        }

        @Override
        public FittedTransform fit(Source data, Columns columns, BufferAllocator allocator) {
            return new Fitted(select(data.schema(), columns), parameters);
        }
    }

    /** The fitted transform: the resolved columns and the parameters' values. */
    private final class Fitted implements FittedTransform {
        private final List<String> columns;
        private final Map<String, Double> parameters;
        private final DoubleUnaryOperator function;

        Fitted(List<String> columns, Map<String, Double> parameters) {
            this.columns = List.copyOf(columns);
            this.parameters = parameters;
            this.function = function(parameters);
        }

        @Override
        public String type() {
            return name;
        }

        @Override
        public Columns columns(Columns input) {
            return input;
        }

        @Override
        public Schema outputSchema(Schema input) {
            return new Schema(input.getFields().stream()
                    .map(f -> columns.contains(f.getName())
                            ? TransformPlan.retyped(f, new FieldType(f.isNullable(), FLOAT64, null))
                            : f)
                    .toList());
        }

        @Override
        public VectorSchemaRoot apply(VectorSchemaRoot input, BufferAllocator allocator) {
            for (String column : columns) {
                if (input.getVector(column) == null) {
                    throw QuiverException.inBatch(column, name + " needs this column, which the batch lacks");
                }
            }
            Schema schema = outputSchema(input.getSchema());
            List<FieldVector> out = new ArrayList<>();
            try {
                for (int i = 0; i < input.getFieldVectors().size(); i++) {
                    FieldVector vector = input.getVector(i);
                    out.add(
                            columns.contains(vector.getName())
                                    ? mapped(vector, schema.getFields().get(i), allocator)
                                    : shared(vector, allocator));
                }
            } catch (RuntimeException e) {
                out.forEach(FieldVector::close);
                throw e;
            }
            return new VectorSchemaRoot(schema.getFields(), out, input.getRowCount());
        }

        private Float8Vector mapped(FieldVector input, Field field, BufferAllocator allocator) {
            int rows = input.getValueCount();
            Float8Vector out = (Float8Vector) field.createVector(allocator);
            out.allocateNew(rows);
            for (int r = 0; r < rows; r++) {
                if (input.isNull(r)) {
                    out.setNull(r);
                } else {
                    out.set(r, function.applyAsDouble(ArrowColumns.getDouble(input, r)));
                }
            }
            out.setValueCount(rows);
            return out;
        }

        /** The input column itself, by reference counting: neither copied nor taken from the input. */
        private FieldVector shared(FieldVector input, BufferAllocator allocator) {
            var pair = input.getTransferPair(allocator);
            pair.splitAndTransfer(0, input.getValueCount());
            return (FieldVector) pair.getTo();
        }

        @Override
        public void save(StateWriter state) {
            state.putStrings("columns", columns);
            StateWriter saved = state.child("parameters");
            parameters.forEach(saved::putDouble);
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("columns", columns, "parameters", parameters);
        }
    }
}
