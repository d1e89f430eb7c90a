package dev.quiver.engine.text;

import dev.quiver.api.state.StateReader;
import dev.quiver.api.state.StateWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Byte-level byte-pair encoding: ids 0-255 are the UTF-8 bytes, and each id from 256 up is a merge of two
 * earlier ids, learned by repeatedly merging the most frequent adjacent pair of a training corpus (ties go to
 * the smallest pair, so training is deterministic). Encoding applies the merges in the order they were learned;
 * since every byte has an id, any text encodes, and decoding concatenates the bytes back, exactly.
 * There is no pre-splitting into words, so merges may span spaces. Immutable.
 */
public final class BpeTokenizer implements Tokenizer {

    static final String TYPE = "bpe";

    /** Merge {@code i} makes id {@code 256 + i} from {@code left[i]} followed by {@code right[i]}. */
    private final int[] left;

    private final int[] right;
    private final byte[][] bytes;

    private BpeTokenizer(int[] left, int[] right) {
        this.left = left;
        this.right = right;
        bytes = new byte[256 + left.length][];
        for (int b = 0; b < 256; b++) {
            bytes[b] = new byte[] {(byte) b};
        }
        for (int i = 0; i < left.length; i++) {
            byte[] l = bytes[left[i]], r = bytes[right[i]];
            byte[] m = Arrays.copyOf(l, l.length + r.length);
            System.arraycopy(r, 0, m, l.length, r.length);
            bytes[256 + i] = m;
        }
    }

    /**
     * Learns {@code vocabSize - 256} merges from {@code corpus}, fewer if it runs out of pairs that occur at least
     * twice.
     */
    public static BpeTokenizer train(String corpus, int vocabSize) {
        if (vocabSize < 256) {
            throw new IllegalArgumentException("a byte-level BPE vocabulary has at least 256 tokens, not " + vocabSize);
        }
        int[] ids = new ByteTokenizer().encode(corpus);
        int n = ids.length;
        int merges = vocabSize - 256;
        int[] left = new int[merges];
        int[] right = new int[merges];
        int learned = 0;
        Map<Long, Integer> counts = new HashMap<>();
        while (learned < merges) {
            counts.clear();
            for (int i = 0; i + 1 < n; i++) {
                counts.merge(pair(ids[i], ids[i + 1]), 1, Integer::sum);
            }
            long best = -1;
            int bestCount = 1;
            for (Map.Entry<Long, Integer> e : counts.entrySet()) {
                int c = e.getValue();
                if (c > bestCount || (c == bestCount && c > 1 && e.getKey() < best)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best < 0) {
                break;
            }
            left[learned] = (int) (best >>> 32);
            right[learned] = (int) best;
            n = apply(ids, n, left[learned], right[learned], 256 + learned);
            learned++;
        }
        return new BpeTokenizer(Arrays.copyOf(left, learned), Arrays.copyOf(right, learned));
    }

    private static long pair(int a, int b) {
        return ((long) a << 32) | b;
    }

    /** Replaces every {@code a b} in {@code ids[0..n)} by {@code merged}, left to right, in place; the new length. */
    private static int apply(int[] ids, int n, int a, int b, int merged) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && ids[i] == a && ids[i + 1] == b) {
                ids[w++] = merged;
                i++;
            } else {
                ids[w++] = ids[i];
            }
        }
        return w;
    }

    /**
     * The tokenizer of these merges ({@code left[i] right[i]} makes id {@code 256 + i}).
     *
     * @throws IllegalArgumentException when a merge uses a token not defined before it
     */
    public static BpeTokenizer of(int[] left, int[] right) {
        if (left.length != right.length) {
            throw new IllegalArgumentException(left.length + " left and " + right.length + " right merge parts");
        }
        for (int i = 0; i < left.length; i++) {
            if (left[i] < 0 || left[i] >= 256 + i || right[i] < 0 || right[i] >= 256 + i) {
                throw new IllegalArgumentException("merge " + i + " uses a token not defined before it");
            }
        }
        return new BpeTokenizer(left.clone(), right.clone());
    }

    /** The merges, {@code [left, right]}, in the order they were learned. */
    public int[][] merges() {
        return new int[][] {left.clone(), right.clone()};
    }

    static BpeTokenizer load(StateReader state) {
        long[] l = state.getLongs("left");
        long[] r = state.getLongs("right", l.length);
        int[] left = new int[l.length], right = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < 0 || l[i] >= 256 + i || r[i] < 0 || r[i] >= 256 + i) {
                throw state.damaged("left", "merge " + i + " uses a token not defined before it");
            }
            left[i] = (int) l[i];
            right[i] = (int) r[i];
        }
        return new BpeTokenizer(left, right);
    }

    @Override
    public int vocabSize() {
        return 256 + left.length;
    }

    @Override
    public int[] encode(String text) {
        int[] ids = new ByteTokenizer().encode(text);
        int n = ids.length;
        for (int i = 0; i < left.length && n > 1; i++) {
            n = apply(ids, n, left[i], right[i], 256 + i);
        }
        return Arrays.copyOf(ids, n);
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= bytes.length) {
                throw new IllegalArgumentException(
                        "token " + ids[i] + " at " + i + " outside the vocabulary of " + bytes.length);
            }
            out.writeBytes(bytes[ids[i]]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The bytes of one token. */
    @Override
    public byte[] bytesOf(int id) {
        return bytes[id].clone();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void save(StateWriter state) {
        state.putString("type", TYPE);
        state.putLongs("left", Arrays.stream(left).asLongStream().toArray());
        state.putLongs("right", Arrays.stream(right).asLongStream().toArray());
    }
}
