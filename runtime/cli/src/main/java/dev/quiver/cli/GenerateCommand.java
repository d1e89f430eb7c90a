package dev.quiver.cli;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.model.Generation;
import dev.quiver.cli.internal.ModelOption;
import dev.quiver.runtime.bundle.FittedPipeline;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quiver generate --model RUN --prompt "..." --tokens 200}: continues a prompt with a saved language
 * model, writing each piece of text to stdout as soon as it is drawn (flushed), the prompt first.
 */
@Command(
        name = "generate",
        description = "Continue a prompt with a saved language model (transformer-lm), streaming text to stdout.")
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Mixin
    ModelOption model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The text to continue.")
    String prompt;

    @Option(names = "--tokens", defaultValue = "200", paramLabel = "N", description = "Tokens to generate (200).")
    int tokens;

    @Option(
            names = "--temperature",
            defaultValue = "0.8",
            paramLabel = "T",
            description = "Divides the logits; 0 always takes the most likely token (0.8).")
    double temperature;

    @Option(
            names = "--top-k",
            defaultValue = "40",
            paramLabel = "K",
            description = "Draw among the K most likely tokens only; 0 for all (40).")
    int topK;

    @Option(
            names = "--top-p",
            defaultValue = "1.0",
            paramLabel = "P",
            description = "Then among the fewest whose probability reaches P; 1 for all (1.0).")
    double topP;

    @Option(
            names = "--seed",
            defaultValue = "0",
            paramLabel = "N",
            description = "The same seed gives the same text (0).")
    long seed;

    @Override
    public Integer call() {
        Generation generation;
        try {
            generation = new Generation(tokens, temperature, topK, topP, seed);
        } catch (IllegalArgumentException e) {
            throw new QuiverException(ErrorCode.USAGE, "quiver generate: " + e.getMessage());
        }
        FittedPipeline fitted = main.quiver().loadModel(model.reference());
        // Checked before the prompt is printed, so that a model that is not a language model prints only the error.
        if (!(fitted.model() instanceof dev.quiver.api.model.LanguageModel)) {
            fitted.generate(prompt, generation, null);
        }
        main.out.print(prompt);
        main.out.flush();
        fitted.generate(prompt, generation, piece -> {
            main.out.print(piece);
            main.out.flush();
        });
        main.out.println();
        return 0;
    }
}
