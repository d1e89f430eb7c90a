package dev.quiver.cli.internal;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that an output file named on the command line cannot overwrite the command's own inputs. Stateless.
 */
public final class OutputPaths {

    private OutputPaths() {}

    /**
     * Fails (USAGE) when {@code output} is the file {@code input} (through any path, symbolic or hard link) or lies
     * inside the run folder {@code run}, whose checksummed files it would damage.
     */
    public static void refuseOverwriting(
            Path output, String outputOption, Path input, String inputOption, Path run, String runOption) {
        if (sameFile(output, input)) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    outputOption + " " + output + " is the same file as "
                            + inputOption + " " + input + "; writing it would destroy the input. Choose another "
                            + outputOption + ".");
        }
        Path folder = output.toAbsolutePath().normalize().getParent();
        if (folder != null && sameFile(folder, run)) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    outputOption + " " + output + " is inside the run folder " + runOption + " " + run
                            + ", whose files it would change. Write it somewhere else.");
        }
    }

    /** Whether both paths exist and name one file; resolving links, so a link or another spelling is caught. */
    private static boolean sameFile(Path a, Path b) {
        if (!Files.exists(a) || !Files.exists(b)) {
            return false;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
