import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes the streamed-W1 CSV: {@code x0..x31,y}, features uniform in (-1, 1) with six decimals, label 1 when a
 * fixed random linear score plus noise is positive. Deterministic (seed 0): the same row count gives the same
 * bytes. Formats digits by hand because {@code String.format} would take minutes for 2 GB.
 *
 * <pre>java bench/GenerateCsv.java OUT.csv ROWS</pre>
 */
public final class GenerateCsv {
    private static final int FEATURES = 32;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java bench/GenerateCsv.java OUT.csv ROWS");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        SplittableRandom random = new SplittableRandom(0);
        double[] weights = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            weights[j] = random.nextDouble(-1, 1);
        }
        byte[] line = new byte[FEATURES * 10 + 4];
        try (OutputStream csv = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < FEATURES; j++) {
                header.append('x').append(j).append(',');
            }
            csv.write(header.append("y\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (long i = 0; i < rows; i++) {
                int at = 0;
                double score = 0;
                for (int j = 0; j < FEATURES; j++) {
                    // An integer number of millionths, so the value written is exactly the value scored.
                    int micros = random.nextInt(-999_999, 1_000_000);
                    score += weights[j] * (micros / 1e6);
                    at = writeMicros(line, at, micros);
                    line[at++] = ',';
                }
                score += 0.5 * (random.nextDouble() - 0.5);
                line[at++] = (byte) (score > 0 ? '1' : '0');
                line[at++] = '\n';
                csv.write(line, 0, at);
            }
        }
    }

    /** Writes {@code micros / 1e6} as {@code [-]d.dddddd}; returns the next free index. */
    private static int writeMicros(byte[] line, int at, int micros) {
        if (micros < 0) {
            line[at++] = '-';
            micros = -micros;
        }
        line[at++] = (byte) ('0' + micros / 1_000_000);
        line[at++] = '.';
        for (int divisor = 100_000; divisor > 0; divisor /= 10) {
            line[at++] = (byte) ('0' + micros / divisor % 10);
        }
        return at;
    }
}
