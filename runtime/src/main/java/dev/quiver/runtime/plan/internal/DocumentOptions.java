package dev.quiver.runtime.plan.internal;

import dev.quiver.api.config.Option;
import java.util.List;

/** The options of the pipeline document itself (not of its plugins), declared once for reading and checking. */
final class DocumentOptions {

    static final Option<Integer> VERSION =
            Option.integer("version", 1).describe("The pipeline format version; this Quiver reads version 1.");
    static final Option<String> NAME =
            Option.string("name", null).describe("The pipeline's name; default: the file name without its extension.");
    static final Option<Long> SEED =
            Option.longInteger("seed", 42L).describe("The seed every random choice derives from.");
    static final Option<String> TASK = Option.choice(
                    "task", null, "regression", "classification", "binary", "multiclass", "clustering")
            .describe("What the model learns; default: inferred from the target column's type. classification:"
                    + " binary or multiclass as the training rows' classes say.");

    static final List<String> TOP_KEYS = List.of(
            "version",
            "name",
            "seed",
            "task",
            "source",
            "columns",
            "split",
            "validation",
            "transforms",
            "model",
            "training",
            "evaluate",
            "output",
            "checkpoint",
            "tune",
            "execution");

    static final Option<List<String>> FEATURES = Option.strings("features", List.of())
            .describe("The feature columns; default: every column but the target.");
    static final Option<String> TARGET =
            Option.string("target", null).describe("The column to predict; none for clustering.");
    static final Option<String> LABELS = Option.string("labels", null)
            .describe("Clustering only: the column of true groups that metrics such as adjusted-rand compare the"
                    + " clusters with; never a feature.");

    static final Option<Double> TEST = Option.real("test", 0.0)
            .atLeast(0)
            .below(1)
            .describe("The fraction of rows held out for the final evaluation.");
    static final Option<Double> VALIDATION = Option.real("validation", 0.0)
            .atLeast(0)
            .below(1)
            .describe("The fraction of rows held out for validation during training.");
    static final Option<Boolean> STRATIFY =
            Option.bool("stratify", false).describe("Keep class proportions in every part (classification).");
    static final Option<Integer> FOLDS = Option.integer("folds", 0)
            .atLeast(0)
            .describe("k-fold cross-validation instead of a fixed validation fraction; 0 for none.");

    static final Option<String> OUTPUT_DIR = Option.string("dir", null)
            .describe("The run history (one folder per run, and LATEST naming the newest), relative to the pipeline "
                    + "file; default: runs/<name>.");
    static final Option<String> OUTPUT_PREDICTIONS = Option.choice("predictions", "lean", "full", "lean", "none")
            .describe("What predictions.arrow holds: lean (row id, target, predictions), full (also every input "
                    + "column) or none (no file).");
    static final Option<Integer> OUTPUT_KEEP = Option.integer("keep", 20)
            .atLeast(1)
            .describe("How many runs the history in output.dir keeps; older ones are deleted after a run is saved "
                    + "(never the newest, nor the one LATEST names).");
    static final Option<Integer> CHECKPOINT_EVERY =
            Option.integer("every", 0).atLeast(0).describe("Epochs between checkpoints; 0 for none.");

    private DocumentOptions() {}
}
