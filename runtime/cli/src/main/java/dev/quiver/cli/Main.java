package dev.quiver.cli;

import dev.quiver.api.ErrorCode;
import dev.quiver.api.QuiverException;
import dev.quiver.cli.internal.CliTelemetry;
import dev.quiver.cli.internal.Warmup;
import dev.quiver.runtime.Quiver;
import dev.quiver.runtime.exec.internal.MemoryLimits;
import dev.quiver.runtime.registry.ServicePluginRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.Console;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.OutOfMemoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code quiver} command line: {@code run}, {@code predict}, {@code inspect}, {@code validate},
 * {@code plugins}, {@code evaluate}, {@code compare}, {@code runs}, {@code export}, {@code serve}, {@code explain} and {@code generate}.
 *
 * <p>Exit codes follow {@link ErrorCode}: 0 ok, 2 invalid pipeline or usage, 3 data error or divergence, 1
 * internal error. A user mistake prints its message alone; {@code --debug} adds the stack trace, which internal
 * errors always show. Results go to stdout, progress and warnings to stderr (progress only on a terminal).
 *
 * <p>{@link #execute} runs one command in-process with the given streams (tests, embedding); one invocation
 * per instance, on the calling thread.
 */
@Command(
        name = "quiver",
        mixinStandardHelpOptions = true,
        version = "quiver 0.1.0",
        description = "Plugin-based machine-learning pipelines for the JVM.")
public final class Main implements Callable<Integer> {

    /**
     * Every command, in the order {@code --help} lists them. Not in {@code @Command(subcommands)}: picocli would
     * build the model of all thirteen (reflecting over every option of every class) on each start, a tenth of a
     * short command's wall time; {@link #commandsFor} adds only the one a command line names.
     */
    static final List<Class<?>> COMMANDS = List.of(
            RunCommand.class,
            PredictCommand.class,
            ServeCommand.class,
            InspectCommand.class,
            ValidateCommand.class,
            PluginsCommand.class,
            EvaluateCommand.class,
            CompareCommand.class,
            RunsCommand.class,
            ExportCommand.class,
            ExplainCommand.class,
            GenerateCommand.class,
            CommandLine.HelpCommand.class);

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @Option(
            names = "--plugin-dir",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "A folder of plugins (one subfolder of jars, or one jar, per plugin); repeatable. Also"
                    + " read: QUIVER_PLUGIN_PATH (a path list) and $QUIVER_HOME/plugins.")
    List<Path> pluginDirs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    final PrintStream out;
    final PrintStream err;
    private final Map<String, String> env;
    private CliTelemetry telemetry;
    private Quiver quiver;
    private ServicePluginRegistry plugins;

    private Main(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        Warmup.start();
        // Plugins warn through System.Logger (java.util.logging here); on a terminal a warning should read like
        // the CLI's own messages, "WARNING: ...", not as a two-line log record with a timestamp and class name.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err));
    }

    /** Runs one command line and returns its exit code; nothing is thrown and nothing exits the JVM. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, System.getenv());
    }

    /**
     * As {@link #execute(String[], PrintStream, PrintStream)} with {@code env} in place of the process's
     * environment ({@code QUIVER_PLUGIN_PATH}, {@code QUIVER_HOME}).
     */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Main main = new Main(out, err, env);
        // The flag is inherited by every sub-command; reading it here also covers failures before parsing ends.
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine commandLine = new CommandLine(main);
        // Before the streams and handlers below: picocli passes those on only to sub-commands already added.
        for (Class<?> command : commandsFor(args)) {
            commandLine.addSubcommand(command);
        }
        commandLine
                .setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true))
                .setParameterExceptionHandler((e, ignored) -> {
                    err.println("error: " + e.getMessage());
                    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                        unmatched.printSuggestions(err); // "Did you mean: quiver validate?" for a misspelt command
                    }
                    err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
                    return ErrorCode.USAGE.exitCode();
                })
                .setExecutionExceptionHandler(
                        (e, commandLine1, parseResult) -> main.report(e, debug, commandLine1.getCommandName()));
        addHelpOptions(commandLine);
        try {
            return commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            // Not a bug but a resource limit: say which one and what to change, not a heap-space trace. A run
            // reports this itself, naming the stage; this is the fallback outside any stage.
            err.println("error: " + MemoryLimits.heapAdvice(e.getMessage()));
            if (debug) {
                e.printStackTrace(err);
            }
            return ErrorCode.DATA.exitCode();
        } finally {
            main.close();
        }
    }

    /**
     * The commands {@code args} needs: the one it names, or all of them when it names none it knows (no command,
     * {@code help}, a misspelt name: the usage message and picocli's did-you-mean list every command) or starts
     * with an option other than the global ones, which only the full model can parse.
     */
    static List<Class<?>> commandsFor(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--debug") || arg.startsWith("--plugin-dir=")) {
                continue;
            }
            if (arg.equals("--plugin-dir")) {
                i++; // its value
                continue;
            }
            if (arg.startsWith("-") || arg.equals("help")) {
                return COMMANDS;
            }
            for (Class<?> command : COMMANDS) {
                if (command.getAnnotation(Command.class).name().equals(arg)) {
                    return List.of(command);
                }
            }
            return COMMANDS;
        }
        return COMMANDS;
    }

    /** {@code -h} and {@code --help} on every sub-command, so that {@code quiver run --help} is as good as
     *  {@code quiver help run} (and needs none of the command's required arguments). */
    private static void addHelpOptions(CommandLine commandLine) {
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.optionsMap().containsKey("--help")) {
                continue; // picocli's own help command has them already
            }
            spec.addMixin("helpOptions", CommandSpec.forAnnotatedObject(new HelpOptions()));
            addHelpOptions(sub);
        }
    }

    /** The usage-help flag alone, without {@code mixinStandardHelpOptions}' version flag, which only Main has. */
    @Command
    static final class HelpOptions {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        boolean help;
    }

    /** {@code quiver} alone: a command is missing, which is a usage mistake. */
    @Override
    public Integer call() {
        err.println("error: name a command.");
        spec.commandLine().usage(err);
        return ErrorCode.USAGE.exitCode();
    }

    private int report(Exception e, boolean debug, String command) {
        if (e instanceof OutOfMemoryException oom) {
            e = MemoryLimits.arrowExhausted("quiver " + command, MemoryLimits.configuredLimit(), oom);
        }
        if (e instanceof QuiverException q && q.code() != ErrorCode.INTERNAL) {
            err.println(q.getMessage());
            if (debug) {
                q.printStackTrace(err);
            }
            return q.code().exitCode();
        }
        err.println("internal error: " + e.getMessage());
        err.println("This is a bug in Quiver or a plugin; please report it with the trace below.");
        e.printStackTrace(err);
        return ErrorCode.INTERNAL.exitCode();
    }

    /**
     * The runtime, with the OpenTelemetry SDK configured from OTEL_* settings and every plugin; made on first use.
     *
     * @throws QuiverException ({@link ErrorCode#CONFIG}) when a plugin is broken, naming its jar
     */
    Quiver quiver() {
        plugins().orThrow();
        return lenientQuiver();
    }

    /** As {@link #quiver()}, leaving broken plugins out ({@link #plugins()} lists them): for {@code plugins}. */
    Quiver lenientQuiver() {
        if (quiver == null) {
            telemetry = CliTelemetry.start();
            quiver = Quiver.builder()
                    .openTelemetry(telemetry.openTelemetry())
                    .registry(plugins())
                    .build();
        }
        return quiver;
    }

    /** The OpenTelemetry of {@link #quiver()} (made with it): the SDK when {@code OTEL_*} asks, else a no-op. */
    OpenTelemetry openTelemetry() {
        lenientQuiver();
        return telemetry.openTelemetry();
    }

    /** Flushes and stops the SDK now (for {@code serve}, whose command never returns to {@link #close}). */
    void closeTelemetry() {
        close();
    }

    /** The built-in plugins and those of every plugin folder, broken ones in {@code problems()}. */
    ServicePluginRegistry plugins() {
        if (plugins == null) {
            plugins = ServicePluginRegistry.load(Main.class.getClassLoader(), PluginPath.folders(pluginDirs, env));
        }
        return plugins;
    }

    /** Whether progress should be shown: stderr of a process attached to a terminal. */
    @SuppressWarnings("SystemConsoleNull") // null before JDK 22; from 22 isTerminal() below decides
    boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // JDK 22+ returns a console even when redirected; its isTerminal() tells (absent before 22)
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private void close() {
        if (telemetry != null) {
            telemetry.close();
        }
    }
}
