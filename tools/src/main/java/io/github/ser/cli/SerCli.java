package io.github.ser.cli;

import io.github.ser.model.WekaEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ser}: the engine from the command line. Subcommands print JSON lines (or a table for people); a file that
 * cannot be processed gets an error line and a non-zero exit at the end, never a stack trace.
 */
@Command(name = "ser", mixinStandardHelpOptions = true, versionProvider = SerCli.Version.class,
        description = "Speech emotion recognition: predict, features, train, tune, evaluate, bench, cold-start, serve, load-check, backfill.",
        subcommands = {PredictCommand.class, FeaturesCommand.class, TrainCommand.class, TuneCommand.class, EvaluateCommand.class,
                BenchCommand.class, ColdStartCommand.class, ServeCommand.class, LoadCheckCommand.class, BackfillCommand.class,
                CommandLine.HelpCommand.class})
public final class SerCli implements Runnable {

    /** Exit code when at least one file failed. */
    static final int SOME_FILES_FAILED = 1;
    /** Exit code when the command could not run at all (bad model, missing data, bad options). */
    static final int CANNOT_RUN = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (used by tests). */
    public static int run(String... args) {
        WekaEnvironment.ensure();
        return commandLine().execute(args);
    }

    /**
     * The parser and dispatcher of every command; {@code parseArgs} on it checks a command line without running it.
     * Every command takes {@code --help}; {@code serve} and {@code load-check} read their own arguments.
     */
    static CommandLine commandLine() {
        CommandLine ser = new CommandLine(new SerCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(SerCli::report)
                .setParameterExceptionHandler((e, a) -> {
                    System.err.println("ser: " + e.getMessage());
                    e.getCommandLine().usage(System.err);
                    return CANNOT_RUN;
                });
        for (CommandLine command : ser.getSubcommands().values()) {
            if (command.getCommandSpec().unmatchedArgsBindings().isEmpty()
                    && command.getCommandSpec().findOption("--help") == null) {
                command.getCommandSpec().mixinStandardHelpOptions(true);
            }
        }
        return ser;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A failure nobody handled: one line for people, no stack trace. */
    private static int report(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        System.err.println("ser " + commandLine.getCommandName() + ": " + message);
        return CANNOT_RUN;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SerCli.class.getPackage().getImplementationVersion();
            return new String[] {"ser " + (version == null ? "(development build)" : version)};
        }
    }
}
