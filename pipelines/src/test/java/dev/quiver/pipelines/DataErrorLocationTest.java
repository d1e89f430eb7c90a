package dev.quiver.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors about one row, raised by a transform that only sees a batch, name the file and the row's real line:
 * rows reach transforms in batches (here of 64 rows, and of the CLI's 8192 for predict), and the file has a
 * blank line and a quoted line break, so neither a row number nor "row + 1" is the line.
 */
class DataErrorLocationTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    private static Result quiver(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Header, then rows up to line {@code lines}: line 3 is blank, line 4 starts a record whose quoted note spans
     * lines 4 and 5, and line {@code lines} holds {@code lastColor} and {@code lastX}.
     */
    private Path data(String name, int lines, String lastColor, String lastX) throws IOException {
        StringBuilder csv = new StringBuilder("x,color,note,y\n");
        csv.append("0.5,red,a,1.0\n\n");
        csv.append("1.5,blue,\"two\nlines\",3.0\n");
        for (int line = 6; line < lines; line++) {
            double x = line % 97;
            csv.append(x)
                    .append(line % 2 == 0 ? ",red" : ",blue")
                    .append(",n,")
                    .append(2 * x + 1)
                    .append('\n');
        }
        csv.append(lastX).append(',').append(lastColor).append(",n,1.0\n");
        return Files.writeString(dir.resolve(name), csv.toString());
    }

    private Path pipeline(String features, String transform) throws IOException {
        return Files.writeString(dir.resolve("p.yaml"), """
                version: 1
                name: located
                source: {type: csv, path: train.csv, batchSize: 64}
                columns: {features: [%s], target: y}
                split: none
                transforms: [%s]
                model: {type: linear-regression, solver: least-squares}
                evaluate: [mse]
                output: {dir: run}
                """.formatted(features, transform));
    }

    @Test
    void anInfiniteValueWhileFittingNamesItsLine() throws IOException {
        Path train = data("train.csv", 10001, "red", "inf");
        Result r =
                quiver("run", pipeline("x", "{type: standardize, columns: [x]}").toString());
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith(train + ":10001 column 'x': the value Infinity cannot be learned from"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anUnseenCategoryWhilePredictingNamesItsFileAndLine() throws IOException {
        data("train.csv", 300, "red", "1.0");
        Result run = quiver(
                "run",
                pipeline("x, color", "{type: one-hot, columns: [color], dropFirst: true}")
                        .toString());
        assertEquals(0, run.code(), run.out() + run.err());
        Path input = data("input.csv", 10001, "green", "1.0");
        Result r = quiver(
                "predict",
                "--model",
                dir.resolve("run").toString(),
                "--input",
                input.toString(),
                "--output",
                dir.resolve("out.csv").toString());
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(
                r.err()
                        .startsWith(input + ":10001 column 'color': the value 'green' was not seen when one-hot "
                                + "was fitted"),
                r.err());
        assertFalse(Files.exists(dir.resolve("out.csv")), "no partial output");
    }
}
