package dev.quiver.plugins.parquet.internal;

import dev.quiver.api.QuiverException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * Decodes a dictionary-encoded string column to plain strings, which is what every Quiver transform and model
 * reads. Arrow C++ returns one when the Parquet file's stored Arrow schema says the column was a dictionary (as
 * pyarrow writes pandas categoricals); a file without one comes back as plain strings already. Stateless.
 */
public final class DictionaryColumns {

    private DictionaryColumns() {}

    /**
     * The decoded column, allocated from {@code allocator} and owned by the caller; a DATA error naming the column
     * and {@code file} when the dictionary holds something other than strings.
     */
    public static FieldVector decode(
            FieldVector encoded, DictionaryProvider dictionaries, BufferAllocator allocator, String file) {
        Dictionary dictionary =
                dictionaries.lookup(encoded.getField().getDictionary().getId());
        if (dictionary == null || !(dictionary.getVector() instanceof VarCharVector)) {
            throw QuiverException.data(
                    file,
                    0,
                    encoded.getName(),
                    "the column is dictionary-encoded "
                            + (dictionary == null
                                    ? "without its dictionary"
                                    : dictionary.getVectorType().toString())
                            + "; only dictionary-encoded strings are read.");
        }
        return (FieldVector) DictionaryEncoder.decode(encoded, dictionary, allocator);
    }
}
