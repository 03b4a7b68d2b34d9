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
import dev.dobby.cli.HubSettingsOptions;
import picocli.CommandLine.Mixin;
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
    @Mixin
    HubSettingsOptions settings;

    @Option(names = "--hub", paramLabel = "URL", description = "Attach to a hub running elsewhere instead.")
    String hub;

    @Option(names = "--key", paramLabel = "KEY", description = "That hub's api_key (default: DOBBY_API_KEY).")
    String key;

    @Option(names = "--exit-after-start",
            description = "Quit once the hub answers and the window has drawn, printing start-up timings.")
    boolean exitAfterStart;

    @Override
    public Integer call() throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        add(command, "--config", settings.config == null ? null : settings.config.toAbsolutePath().toString());
        add(command, "--port", settings.port == null ? null : settings.port.toString());
        add(command, "--host", settings.host);
        add(command, "--db", settings.db == null ? null : settings.db.toAbsolutePath().toString());
        add(command, "--hub", hub);
        add(command, "--key", key);
        if (exitAfterStart) {
            command.add("--exit-after-start");
        }
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
