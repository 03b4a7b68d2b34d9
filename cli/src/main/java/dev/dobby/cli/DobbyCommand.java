package dev.dobby.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "dobby",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "One queue for coding-agent work across your own machines.",
        footer = {"",
                "Exit codes: 0 ok; 1 the task waited on did not complete; 2 usage error; 3 no hub at the URL;",
                "4 API key refused; 5 no such task, project or batch; 6 refused in the current state; 10 other errors.",
                "",
                "Run 'dobby COMMAND --help' for a command's options and examples."})
public final class DobbyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
