package dev.quiver.runtime.export;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import java.util.Arrays;
import java.util.Locale;

/** The formats {@code quiver export --format} writes. An enum: immutable and thread-safe. */
public enum ExportFormat {
    ONNX;

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code label}, or a usage error listing the known ones. */
    public static ExportFormat of(String label) {
        for (ExportFormat f : values()) {
            if (f.label().equals(label)) {
                return f;
            }
        }
        throw new QuiverException(
                ErrorCode.USAGE,
                "Unknown export format '" + label + "'; known formats: "
                        + Arrays.stream(values()).map(ExportFormat::label).toList());
    }
}
