package dev.dobby.cli;

import dev.dobby.hub.config.ConfigException;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubUnreachableException;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.TaskStatus;
import picocli.CommandLine;

/** The entry point: runs a dobby command and turns every failure into one line on stderr and an exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        // Otherwise picocli looks for Groovy's Closure class, and a class that is not there is searched for in
        // every jar of the class path: ~20 ms of each command's start-up.
        System.setProperty("picocli.disable.closures", "true");
        CommandLine cli = new CommandLine(new DobbyCommand());
        Commands.register(cli, args);
        cli.registerConverter(Priority.class, value -> wire(() -> Priority.fromWire(value)));
        cli.registerConverter(Backend.class, value -> wire(() -> Backend.fromWire(value)));
        cli.registerConverter(TaskStatus.class, value -> wire(() -> TaskStatus.fromWire(value)));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(commandLine, e));
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("dobby: " + e.getMessage());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
            command.getErr().flush();
            return ExitCode.USAGE;
        });
        return cli.execute(args);
    }

    /** Parse a lowercase wire name, reporting a bad one with the names that are accepted. */
    private static <T> T wire(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    private static int failure(CommandLine commandLine, Exception e) {
        String message;
        int code;
        if (e instanceof HubUnreachableException unreachable) {
            message = "no hub at " + unreachable.url() + " — start one with `dobby start`";
            code = ExitCode.HUB_UNREACHABLE;
        } else if (e instanceof ApiException api) {
            message = api.getMessage();
            code = switch (api.status()) {
                case 401, 403 -> ExitCode.UNAUTHORIZED;
                case 404 -> ExitCode.NOT_FOUND;
                default -> api.status() >= 500 ? ExitCode.ERROR : ExitCode.REFUSED;
            };
        } else if (e instanceof CliException cli) {
            message = cli.getMessage();
            code = cli.exitCode();
        } else if (e instanceof ConfigException config) {
            message = config.getMessage();
            code = ExitCode.USAGE;
        } else if (e instanceof IllegalArgumentException illegal) {
            message = illegal.getMessage();
            code = ExitCode.USAGE;
        } else {
            message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            code = ExitCode.ERROR;
            if (System.getenv("DOBBY_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
        }
        commandLine.getErr().println("dobby: " + message);
        commandLine.getErr().flush();
        return code;
    }
}
