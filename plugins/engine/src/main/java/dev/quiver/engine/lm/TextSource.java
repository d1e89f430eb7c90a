package dev.quiver.engine.lm;

import dev.quiver.api.data.BatchReader;
import dev.quiver.api.data.Source;
import dev.quiver.engine.text.TokenizerText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The training windows of a text corpus (or, as its {@link #validationRows()}, the held-out ones): one row per
 * window of {@code context + 1} int32 token ids, columns {@code t0..t<context>}, in text order. The schema's
 * metadata carries the tokenizer ({@link TokenizerText}), which the model keeps. The corpus is read, checked and
 * tokenized once, on first use, and shared by both parts; thread-safe.
 */
final class TextSource implements Source {

    /** Windows per batch. */
    static final int BATCH_ROWS = 256;

    private final Corpus.Lazy corpus;
    private final boolean heldOut;

    TextSource(Corpus.Lazy corpus, boolean heldOut) {
        this.corpus = corpus;
        this.heldOut = heldOut;
    }

    static List<String> columns(int context) {
        List<String> names = new ArrayList<>(context + 1);
        for (int i = 0; i <= context; i++) {
            names.add("t" + i);
        }
        return names;
    }

    @Override
    public Schema schema() {
        Corpus c = corpus.get();
        List<Field> fields = new ArrayList<>();
        for (String name : columns(corpus.spec().context())) {
            fields.add(new Field(name, FieldType.notNullable(new ArrowType.Int(32, true)), null));
        }
        return new Schema(fields, Map.of(TokenizerText.METADATA_KEY, TokenizerText.write(c.tokenizer())));
    }

    @Override
    public BatchReader open(BufferAllocator allocator) {
        Corpus c = corpus.get();
        return new WindowReader(schema(), heldOut ? c.validation() : c.train(), corpus.spec(), allocator);
    }

    @Override
    public Optional<Source> validationRows() {
        return heldOut || corpus.spec().validation() == 0
                ? Optional.empty()
                : Optional.of(new TextSource(corpus, true));
    }

    @Override
    public OptionalLong rowCount() {
        return OptionalLong.empty();
    }

    @Override
    public String describe() {
        return corpus.spec().path() + (heldOut ? " (validation part)" : "");
    }
}
