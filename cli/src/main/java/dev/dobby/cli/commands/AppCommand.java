package dev.dobby.cli.commands;

import dev.dobby.cli.CliException;
import dev.dobby.cli.ExitCode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Opens the desktop app in its own process: the CLI stays headless and does not depend on JavaFX. The launcher is
 * DOBBY_APP when set (e.g. an installed Dobby.app/Contents/MacOS/Dobby), else bin/dobby-app beside this checkout.
 */
@Command(name = "app",
        description = "Open the desktop control centre: the hub runs inside it (or it attaches to one with --hub).",
        footer = {"",
                "Settings are those of `dobby start`: --config (dobby.yaml), ./.env, DOBBY_* variables, these flags.",
                "A second `dobby app` brings the open window forward instead of starting another.",
                "",
                "Examples:",
                "  dobby app",
                "  dobby app --port 9000",
                "  dobby app --hub http://build-box:8420 --key $DOBBY_API_KEY"})
public final class AppCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "A dobby.yaml with hub settings.")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "Port for the API and dashboard (default 8420).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default 127.0.0.1).")
    String host;

    @Option(names = "--db", paramLabel = "FILE", description = "The SQLite database file.")
    Path db;

    @Option(names = "--hub", paramLabel = "URL", description = "Attach to a hub running elsewhere instead.")
    String hub;

    @Option(names = "--key", paramLabel = "KEY", description = "That hub's api_key (default: DOBBY_API_KEY).")
    String key;

    @Override
    public Integer call() throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        add(command, "--config", config == null ? null : config.toAbsolutePath().toString());
        add(command, "--port", port == null ? null : port.toString());
        add(command, "--host", host);
        add(command, "--db", db == null ? null : db.toAbsolutePath().toString());
        add(command, "--hub", hub);
        add(command, "--key", key);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot start the desktop app (" + command.getFirst() + "): "
                    + e.getMessage());
        }
    }

    private static void add(List<String> command, String flag, String value) {
        if (value != null) {
            command.add(flag);
            command.add(value);
        }
    }

    static Path launcher() {
        String configured = System.getenv("DOBBY_APP");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new CliException(ExitCode.USAGE, "DOBBY_APP is " + path + ", which is not a program");
            }
            return path;
        }
        Path beside = checkoutRoot().resolve("bin").resolve("dobby-app");
        if (!Files.isExecutable(beside)) {
            throw new CliException(ExitCode.ERROR, "the desktop app is not part of this installation (no " + beside
                    + "); set DOBBY_APP to the app's launcher");
        }
        return beside;
    }

    /** cli/target/dobby-cli.jar lives two folders below the checkout's root. */
    private static Path checkoutRoot() {
        try {
            Path jar = Path.of(AppCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            root = root == null ? null : root.getParent();
            return root == null ? Path.of("").toAbsolutePath() : root;
        } catch (URISyntaxException | SecurityException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
