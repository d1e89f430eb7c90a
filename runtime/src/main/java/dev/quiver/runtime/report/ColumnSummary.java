package dev.quiver.runtime.report;

import java.util.List;
import java.util.Map;

/**
 * One input column of the training rows, for the report's data section: its type, how many cells are missing,
 * and either its moments (numbers) or its most frequent values (text, booleans). Immutable and thread-safe.
 *
 * @param name the column
 * @param type its Arrow type, as text
 * @param rows the rows summarised
 * @param missing null cells, and NaN in floating-point columns
 * @param numeric whether {@code mean}, {@code std}, {@code min}, {@code max} are set
 * @param mean the mean of the present values
 * @param std their sample standard deviation (n - 1, as pandas' {@code describe}); NaN for fewer than 2
 * @param min the smallest present value
 * @param max the largest present value
 * @param top for non-numeric columns, the most frequent values with their counts, most frequent first
 * @param distinct for non-numeric columns, how many distinct present values there are
 */
public record ColumnSummary(
        String name,
        String type,
        long rows,
        long missing,
        boolean numeric,
        double mean,
        double std,
        double min,
        double max,
        List<Map.Entry<String, Long>> top,
        int distinct) {

    public ColumnSummary {
        top = List.copyOf(top);
    }
}
