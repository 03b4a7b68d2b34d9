package dev.dobby.app.launch;

import dev.dobby.hub.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the app was started with. The hub settings are the same as {@code dobby start}'s ({@code --port},
 * {@code --host}, {@code --db}, {@code --config} and the DOBBY_* variables); {@code --hub URL} attaches to a hub that
 * runs elsewhere instead of embedding one.
 *
 * @param hubUrl          a remote hub to attach to, or null to run the hub inside the app
 * @param apiKey          the key for the remote hub (from {@code --key} or DOBBY_API_KEY)
 * @param exitAfterStart  quit as soon as the hub answers and the window has drawn (smoke tests, benchmarks)
 */
public record AppOptions(ConfigLoader.Flags flags, String hubUrl, String apiKey, boolean exitAfterStart,
                         boolean help) {

    public static final String USAGE = """
            Usage: dobby app [--port PORT] [--host HOST] [--db FILE] [--config FILE]
                   dobby app --hub URL [--key KEY]

            Opens the Dobby control centre. Without --hub it runs the hub inside the app, with the same settings
            as `dobby start` (dobby.yaml via --config, ./.env, DOBBY_* variables, then these flags).

              --port PORT     port for the API and dashboard (default 8420)
              --host HOST     address to listen on (default 127.0.0.1)
              --db FILE       the SQLite database file
              --config FILE   a dobby.yaml with hub settings
              --hub URL       attach to a hub running elsewhere instead of embedding one
              --key KEY       that hub's api_key (default: DOBBY_API_KEY)
              -h, --help      show this help
            """;

    public boolean embedded() {
        return hubUrl == null;
    }

    /** Reads the command line; a mistake is an {@link IllegalArgumentException} with a message for the user. */
    public static AppOptions parse(List<String> args, Map<String, String> env) {
        Path config = null;
        Integer port = null;
        String host = null;
        Path db = null;
        String hub = null;
        String key = null;
        boolean exitAfterStart = false;
        boolean help = false;
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--exit-after-start" -> exitAfterStart = true;
                case "--port", "--host", "--db", "--config", "--hub", "--key" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= rest.size()) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = rest.get(++i);
                    }
                    switch (name) {
                        case "--port" -> port = parsePort(value);
                        case "--host" -> host = value;
                        case "--db" -> db = Path.of(value);
                        case "--config" -> config = Path.of(value);
                        case "--hub" -> hub = value;
                        default -> key = value;
                    }
                }
                default -> {
                    // Launchers on macOS add -psn_... arguments; anything else is a mistake worth reporting.
                    if (!arg.startsWith("-psn_")) {
                        throw new IllegalArgumentException("unknown option '" + arg + "' (see --help)");
                    }
                }
            }
        }
        if (hub != null && (port != null || host != null || db != null || config != null)) {
            throw new IllegalArgumentException("--hub attaches to another hub; --port, --host, --db and --config"
                    + " set up the hub inside the app. Use one or the other");
        }
        if (key == null && hub != null) {
            key = env.get("DOBBY_API_KEY");
        }
        return new AppOptions(new ConfigLoader.Flags(config, port, host, db), hub, key, exitAfterStart, help);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, not '" + value + "'");
        }
    }
}
