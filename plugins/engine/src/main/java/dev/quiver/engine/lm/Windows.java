package dev.quiver.engine.lm;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.data.ArrowColumns;
import dev.quiver.api.data.BatchReader;
import dev.quiver.api.model.TrainingData;
import dev.quiver.engine.text.Tokenizer;
import dev.quiver.engine.text.TokenizerText;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The windows of token ids a language model trains on, read whole into one row-major array ({@code count}
 * windows of {@code length} tokens). Immutable once read.
 */
record Windows(int[] tokens, int count, int length) {

    /** The tokenizer a text source put in its schema; a usage error when the rows come from another source. */
    static Tokenizer tokenizer(Schema schema) {
        String line = schema.getCustomMetadata() == null
                ? null
                : schema.getCustomMetadata().get(TokenizerText.METADATA_KEY);
        if (line == null) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "model '" + TransformerLmFactory.NAME + "' learns from the windows of a text source (source:"
                            + " {type: text, path: ...}) with no transforms; these rows carry no tokenizer.");
        }
        try {
            return TokenizerText.read(line);
        } catch (IllegalArgumentException e) {
            throw new QuiverException(ErrorCode.DATA, "The rows' tokenizer is damaged: " + e.getMessage(), e);
        }
    }

    /** Every window of {@code data}, checked against {@code vocab}. */
    static Windows read(TrainingData data, int vocab, BufferAllocator allocator) {
        List<String> features = data.features();
        int length = features.size();
        int[] tokens = new int[1024 * length];
        int count = 0;
        try (BatchReader reader = data.open(allocator)) {
            while (reader.loadNextBatch()) {
                VectorSchemaRoot root = reader.root();
                int rows = root.getRowCount();
                if ((count + rows) * length > tokens.length) {
                    tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, (count + rows) * length));
                }
                for (int c = 0; c < length; c++) {
                    FieldVector column = ArrowColumns.vector(root, features.get(c));
                    for (int r = 0; r < rows; r++) {
                        tokens[(count + r) * length + c] = token(column, r, vocab, data.describe());
                    }
                }
                count += rows;
            }
        }
        return new Windows(Arrays.copyOf(tokens, count * length), count, length);
    }

    /** The windows of one batch (for predict). */
    static int[] ofBatch(VectorSchemaRoot root, List<String> features, int vocab) {
        int rows = root.getRowCount();
        int length = features.size();
        int[] tokens = new int[rows * length];
        for (int c = 0; c < length; c++) {
            FieldVector column = ArrowColumns.vector(root, features.get(c));
            for (int r = 0; r < rows; r++) {
                tokens[r * length + c] = token(column, r, vocab, "input");
            }
        }
        return tokens;
    }

    private static int token(FieldVector column, int row, int vocab, String where) {
        double v = ArrowColumns.getDouble(column, row);
        if (!(v >= 0 && v < vocab) || v != Math.rint(v)) {
            throw QuiverException.inBatch(
                    row,
                    column.getName(),
                    "token id " + v + " is not in the vocabulary of " + vocab + " (" + where + ")");
        }
        return (int) v;
    }

    /** Windows {@code order[from..from+batch)} as one row-major array. */
    int[] batch(int[] order, int from, int batch) {
        int[] out = new int[batch * length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(tokens, order[(from + b) % order.length] * length, out, b * length, length);
        }
        return out;
    }
}
