package dev.quiver.runtime.plan.internal;

import static dev.quiver.runtime.plan.internal.DocumentOptions.FOLDS;
import static dev.quiver.runtime.plan.internal.DocumentOptions.STRATIFY;
import static dev.quiver.runtime.plan.internal.DocumentOptions.TEST;
import static dev.quiver.runtime.plan.internal.DocumentOptions.VALIDATION;

import dev.quiver.api.config.DidYouMean;
import dev.quiver.runtime.config.ConfigNode;
import dev.quiver.runtime.config.Problems;
import dev.quiver.runtime.config.YamlConfig;
import dev.quiver.runtime.pipeline.SplitSpec;
import java.util.List;
import java.util.Optional;

/**
 * Reads how rows are divided: the {@code split:} section (fractions, stratification, folds) and the top-level
 * {@code validation: {folds: k}} shorthand for cross-validation. Every mistake is recorded in the
 * {@link Problems}, none thrown; a section with problems still yields a {@link SplitSpec} (possibly
 * {@link SplitSpec#NONE}) so the rest of the file is checked too. One instance per load, used on one thread.
 */
final class SplitSection {

    private final Problems problems;

    SplitSection(Problems problems) {
        this.problems = problems;
    }

    /** The split of the document whose root is {@code root} and top-level options {@code top}. */
    SplitSpec read(YamlConfig top, ConfigNode.Mapping root) {
        return withTopLevelValidation(top, inSplit(top, root.get("split")));
    }

    private SplitSpec inSplit(YamlConfig top, Optional<ConfigNode> node) {
        if (node.isEmpty() || node.get().isNull()) {
            return SplitSpec.NONE;
        }
        if (node.get() instanceof ConfigNode.Scalar scalar) {
            if ("none".equals(scalar.value())) {
                return SplitSpec.NONE;
            }
            String word = String.valueOf(scalar.value());
            problems.add(
                    scalar.location(),
                    "split must be 'none' or a mapping like {test: 0.2, validation: 0.1," + " stratify: true}, got "
                            + node.get().describe() + DidYouMean.hint(word, List.of("none")));
            return SplitSpec.NONE;
        }
        Optional<YamlConfig> section = top.yamlSection("split");
        if (section.isEmpty()) {
            return SplitSpec.NONE;
        }
        YamlConfig s = section.get();
        double test = s.get(TEST);
        boolean stratify = s.get(STRATIFY);
        int folds = s.get(FOLDS);
        double validation = 0;
        if (s.node().get(VALIDATION.name()).orElse(null) instanceof ConfigNode.Mapping) {
            CrossValidation cv =
                    crossValidation(s.yamlSection(VALIDATION.name()).orElseThrow());
            if (folds > 0) {
                s.problem(
                        FOLDS.name(),
                        "folds is given twice, here and in validation: {folds: " + cv.folds() + "}; keep one");
            }
            folds = cv.folds();
            stratify |= cv.stratify();
        } else {
            validation = s.get(VALIDATION);
        }
        s.checkUnknownKeys(List.of(TEST.name(), VALIDATION.name(), STRATIFY.name(), FOLDS.name()), "split");
        if (test + validation >= 1) {
            s.problem(
                    VALIDATION.name(),
                    "test (" + test + ") and validation (" + validation
                            + ") together must leave some rows for training (their sum must be below 1)");
        }
        if (folds == 1 && !s.has(VALIDATION.name())) { // else the validation mapping reported it
            s.problem(FOLDS.name(), "cross-validation needs at least 2 folds (or 0 for none)");
        }
        if (folds > 0 && validation > 0) {
            s.problem(FOLDS.name(), "give either folds (cross-validation) or a validation fraction, not both");
        }
        return new SplitSpec(test, validation, stratify, folds);
    }

    /** {@code validation: {folds: k, stratify: b}}: k-fold cross-validation instead of a validation fraction. */
    private record CrossValidation(int folds, boolean stratify) {}

    private static CrossValidation crossValidation(YamlConfig section) {
        int folds = section.get(FOLDS);
        boolean stratify = section.get(STRATIFY);
        section.checkUnknownKeys(List.of(FOLDS.name(), STRATIFY.name()), "validation");
        if (!section.has(FOLDS.name())) {
            section.problem(
                    FOLDS.name(),
                    "validation as a mapping is cross-validation and needs the number of "
                            + "folds, e.g. validation: {folds: 5, stratify: true}; a fixed fraction is written "
                            + "validation: 0.2");
        } else if (folds < 2) {
            section.problem(FOLDS.name(), "cross-validation needs at least 2 folds, got " + folds);
        }
        return new CrossValidation(folds, stratify);
    }

    /**
     * The shorthand {@code validation: {folds: 5, stratify: true}} at the top of the file, for a pipeline that only
     * wants cross-validation: the same as writing it inside {@code split:}. Only the cross-validation mapping is
     * accepted there (a fraction at the top would read as if it applied to something else), and only once.
     */
    private SplitSpec withTopLevelValidation(YamlConfig top, SplitSpec split) {
        if (!top.has(VALIDATION.name())) {
            return split;
        }
        if (!(top.node().get(VALIDATION.name()).orElseThrow() instanceof ConfigNode.Mapping)) {
            top.problem(
                    VALIDATION.name(),
                    "a top-level validation: takes cross-validation settings, e.g. "
                            + "validation: {folds: 5, stratify: true}; a fixed validation fraction goes in split: "
                            + "{validation: 0.2}");
            return split;
        }
        CrossValidation cv = crossValidation(top.yamlSection(VALIDATION.name()).orElseThrow());
        if (split.folds() > 0 || split.validation() > 0) {
            top.problem(
                    VALIDATION.name(),
                    "validation is given twice, here and in split: ("
                            + (split.folds() > 0 ? "folds: " + split.folds() : "validation: " + split.validation())
                            + "); keep one");
            return split;
        }
        return new SplitSpec(split.test(), 0, split.stratify() || cv.stratify(), cv.folds());
    }
}
