package dev.quiver.cli;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.api.config.DidYouMean;
import dev.quiver.cli.internal.Json;
import dev.quiver.runtime.registry.PluginCatalog;
import dev.quiver.runtime.registry.PluginCatalog.OptionInfo;
import dev.quiver.runtime.registry.PluginCatalog.PluginInfo;
import dev.quiver.runtime.registry.PluginKind;
import dev.quiver.runtime.registry.PluginProblem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code quiver plugins [NAME [TOPIC]]}: the installed plugins by kind, one plugin's options, or what a plugin
 * documents on a topic (e.g. {@code quiver plugins tribuo cart}: that trainer's options). The list marks each
 * folder plugin with its folder or jar and ends with the plugins that could not be loaded and why, each naming its
 * jar: a broken plugin does not hide the others here, while every other command refuses to run.
 */
@Command(
        name = "plugins",
        description = "List installed plugins by kind, show one plugin's options, or a topic"
                + " it documents (e.g. 'plugins tribuo cart').")
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A plugin name, e.g. csv or adam.")
    String name;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "TOPIC",
            description = "A topic the plugin documents, e.g. a Tribuo trainer for 'tribuo'.")
    String topic;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PluginCatalog catalog = main.lenientQuiver().catalog();
        List<PluginProblem> problems = main.plugins().problems();
        if (name == null) {
            if (json) {
                main.out.println(Json.pretty(catalog.byKind()));
                problems.forEach(p -> main.err.println("broken plugin: " + p));
                return 0;
            }
            for (Map.Entry<PluginKind, List<PluginInfo>> kind : catalog.byKind().entrySet()) {
                main.out.println(kind.getKey().plural() + ":");
                if (kind.getValue().isEmpty()) {
                    main.out.println("  (none installed)");
                }
                int width = kind.getValue().stream()
                        .mapToInt(p -> p.name().length())
                        .max()
                        .orElse(0);
                for (PluginInfo p : kind.getValue()) {
                    String from = p.source().equals(PluginInfo.BUILT_IN) ? "" : "  [" + p.source() + "]";
                    String line = "  " + p.name() + " ".repeat(width - p.name().length() + 2) + p.description() + from;
                    main.out.println(line.stripTrailing());
                }
            }
            if (!problems.isEmpty()) {
                main.out.println("broken plugins (left out; every other command refuses to run until fixed):");
                for (PluginProblem p : problems) {
                    main.out.println("  " + p.origin());
                    main.out.println("    " + p.message().replace("\n", "\n    "));
                }
            }
            return 0;
        }
        List<PluginInfo> named = catalog.named(name);
        if (named.isEmpty()) {
            throw new QuiverException(
                    ErrorCode.USAGE,
                    "No plugin is named '" + name + "'" + DidYouMean.hint(name, catalog.names())
                            + " Run 'quiver plugins' to list them.");
        }
        if (topic != null) {
            List<String> pages = catalog.help(name, topic);
            if (pages.isEmpty()) {
                throw new QuiverException(
                        ErrorCode.USAGE,
                        "The plugin '" + name + "' documents no topics; run" + " 'quiver plugins " + name
                                + "' for its options.");
            }
            pages.forEach(main.out::print);
            return 0;
        }
        if (json) {
            main.out.println(Json.pretty(named));
            return 0;
        }
        for (PluginInfo p : named) {
            main.out.println(p.name() + " (" + p.kind().label() + ", from " + p.origin() + ")");
            if (!p.description().isEmpty()) {
                main.out.println("  " + p.description());
            }
            printOptions("options", p.options());
            if (!p.trainingOptions().isEmpty()) {
                printOptions("training options", p.trainingOptions());
            }
        }
        return 0;
    }

    private void printOptions(String title, List<OptionInfo> options) {
        main.out.println("  " + title + ":" + (options.isEmpty() ? " none" : ""));
        for (OptionInfo o : options) {
            StringBuilder line = new StringBuilder("    " + o.name() + " (" + o.kind());
            if (o.required()) {
                line.append(", required");
            } else if (o.defaultValue() != null) {
                line.append(", default ").append(o.defaultValue());
            }
            if (!o.range().isEmpty()) {
                line.append(", ").append(o.range());
            }
            if (!o.choices().isEmpty()) {
                line.append(", one of ").append(String.join(" | ", o.choices()));
            }
            line.append(')');
            if (!o.description().isEmpty()) {
                line.append("  ").append(o.description());
            }
            main.out.println(line);
        }
    }
}
