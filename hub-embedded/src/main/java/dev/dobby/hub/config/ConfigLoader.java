package dev.dobby.hub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.protocol.Durations;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Builds a {@link HubConfig} from its sources, later ones winning: defaults, dobby.yaml ({@code --config}), the
 * {@code .env} file in the working directory, {@code DOBBY_*} environment variables, then command-line flags.
 * Unknown keys and malformed values stop the start with a message naming the source and the key.
 */
public final class ConfigLoader {
    /** The keys of dobby.yaml; each is also DOBBY_&lt;KEY&gt; in .env and the environment. */
    public static final List<String> KEYS = List.of("port", "host", "max_concurrent_agents", "default_timeout",
            "gpu_poll_interval", "results_dir", "db_path", "api_key", "webhook_url", "stale_timeout", "hub_url",
            "github_url", "lease_timeout", "heartbeat_interval", "worktree_retention", "claude_bin", "codex_bin",
            "prices", "webhook_allow_private", "spoke_token", "daily_budget_usd", "monthly_budget_usd",
            "max_log_lines_per_attempt", "db_url");

    /** Keys whose value is a mapping, allowed only in dobby.yaml. */
    private static final Set<String> MAPPINGS = Set.of("prices");

    /** DOBBY_* variables that are not hub settings but belong to other parts of Dobby. */
    static final Set<String> OTHER_VARIABLES = Set.of("DOBBY_HOME", "DOBBY_URL", "DOBBY_CONFIG", "DOBBY_CLAUDE_BIN",
            "DOBBY_CODEX_BIN", "DOBBY_JAVA", "DOBBY_TASK_ID", "DOBBY_ATTEMPT", "DOBBY_PROJECT",
            "DOBBY_ARTIFACTS_DIR", "DOBBY_LOG_LEVEL", "DOBBY_NO_BUILD", "DOBBY_JAVA_OPTS",
            "DOBBY_DB_USER", "DOBBY_DB_PASSWORD", "DOBBY_DB_PASSWORD_FILE");

    private ConfigLoader() {
    }

    /** What {@code dobby start} was given on its command line; null means not given. */
    public record Flags(Path config, Integer port, String host, Path db) {
        public static Flags none() {
            return new Flags(null, null, null, null);
        }
    }

    /**
     * The outcome: the hub's config, how its local worker runs agents, warnings worth printing, and the PostgreSQL
     * database of a team hub ({@code db_url}; null: the SQLite file at db_path).
     */
    public record Loaded(HubConfig config, WorkerSettings worker, List<String> warnings, String dbUrl) {
        public Loaded(HubConfig config, WorkerSettings worker, List<String> warnings) {
            this(config, worker, warnings, null);
        }
    }

    public static Loaded load(Flags flags, Map<String, String> env, Path workingDir) {
        Path home = home(env);
        Map<String, Setting> settings = new LinkedHashMap<>();
        Map<String, JsonNode> mappings = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();

        Path configFile = flags.config() != null ? flags.config()
                : env.get("DOBBY_CONFIG") != null && !env.get("DOBBY_CONFIG").isBlank() ? Path.of(env.get("DOBBY_CONFIG")) : null;
        if (configFile != null) {
            readYaml(workingDir.resolve(configFile), settings, mappings);
        }
        Path dotEnv = workingDir.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            readVariables(DotEnv.read(dotEnv), ".env", settings, null);
        }
        readVariables(env, "environment", settings, warnings);
        if (flags.port() != null) {
            settings.put("port", new Setting("--port", flags.port().toString()));
        }
        if (flags.host() != null) {
            settings.put("host", new Setting("--host", flags.host()));
        }
        if (flags.db() != null) {
            settings.put("db_path", new Setting("--db", workingDir.resolve(flags.db()).toAbsolutePath().toString()));
        }
        return new Loaded(build(home, settings), worker(settings, mappings, env), warnings, dbUrl(settings));
    }

    private static String dbUrl(Map<String, Setting> s) {
        String url = text(s, "db_url", null);
        if (url != null && !dev.dobby.hub.store.postgres.PostgresUrl.isPostgres(url)) {
            throw new ConfigException(s.get("db_url").source() + ": db_url must be postgresql://host[:port]/database"
                    + " (for SQLite, set db_path)");
        }
        return url;
    }

    /** DOBBY_HOME, or ~/.dobby. */
    public static Path home(Map<String, String> env) {
        String configured = env.get("DOBBY_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".dobby");
    }

    /** A value and where it came from, for error messages. */
    private record Setting(String source, String value) {
    }

    private static void readYaml(Path file, Map<String, Setting> settings, Map<String, JsonNode> mappings) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist");
        }
        LoaderOptions limits = new LoaderOptions();
        limits.setMaxAliasesForCollections(10);
        limits.setNestingDepthLimit(10);
        limits.setCodePointLimit(1024 * 1024);
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(limits).build());
        JsonNode root;
        try {
            root = yaml.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(file + " is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException(file + " must be a mapping of settings (key: value)");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String source = file.getFileName() + ": " + key;
            if (!KEYS.contains(key)) {
                throw new ConfigException(file.getFileName() + ": unknown key '" + key + "' (known keys: "
                        + String.join(", ", KEYS) + ")");
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (MAPPINGS.contains(key)) {
                if (!value.isObject()) {
                    throw new ConfigException(source + " must be a mapping");
                }
                mappings.put(key, value);
                continue;
            }
            if (!value.isValueNode()) {
                throw new ConfigException(source + " must be a single value, not a list or mapping");
            }
            settings.put(key, new Setting(source, value.asText()));
        }
    }

    private static void readVariables(Map<String, String> variables, String origin, Map<String, Setting> settings,
                                      List<String> warnings) {
        Set<String> unknown = new TreeSet<>();
        variables.forEach((name, value) -> {
            if (!name.startsWith("DOBBY_") || OTHER_VARIABLES.contains(name)) {
                return;
            }
            String key = name.substring("DOBBY_".length()).toLowerCase(Locale.ROOT);
            if (!KEYS.contains(key) || MAPPINGS.contains(key)) {
                unknown.add(name);
                return;
            }
            settings.put(key, new Setting(origin + " " + name, value));
        });
        if (unknown.isEmpty()) {
            return;
        }
        String message = "unknown setting" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                + " (known: " + KEYS.stream().map(k -> "DOBBY_" + k.toUpperCase(Locale.ROOT))
                .reduce((a, b) -> a + ", " + b).orElse("") + ")";
        if (warnings == null) {
            throw new ConfigException(origin + ": " + message);
        }
        warnings.add("ignoring " + message + " in the environment");
    }

    private static WorkerSettings worker(Map<String, Setting> s, Map<String, JsonNode> mappings, Map<String, String> env) {
        PriceTable prices = PriceTable.EMPTY;
        JsonNode table = mappings.get("prices");
        if (table != null) {
            try {
                prices = PriceTable.fromConfig(YAML_READER.convertValue(table,
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Map<String, Object>>>() { }));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("prices: " + e.getMessage());
            }
        }
        return new WorkerSettings(env, text(s, "claude_bin", null), text(s, "codex_bin", null), prices,
                duration(s, "worktree_retention", WorkerSettings.DEFAULT_RETENTION));
    }

    private static final ObjectMapper YAML_READER = new ObjectMapper();

    private static HubConfig build(Path home, Map<String, Setting> s) {
        HubConfig d = HubConfig.defaults(home);
        Duration lease = duration(s, "lease_timeout", d.leaseTimeout());
        Duration heartbeat = duration(s, "heartbeat_interval", LeaseTimings.heartbeatFor(lease));
        LeaseTimings.check(lease, heartbeat, d.killGrace());
        String apiKey = text(s, "api_key", null);
        if (apiKey != null && apiKey.length() < 8) {
            throw new ConfigException(s.get("api_key").source() + " is too short: use at least 8 characters");
        }
        String spokeToken = text(s, "spoke_token", null);
        if (spokeToken != null && spokeToken.length() < 8) {
            throw new ConfigException(s.get("spoke_token").source() + " is too short: use at least 8 characters");
        }
        return new HubConfig(
                home,
                integer(s, "port", d.port(), 0, 65_535),
                text(s, "host", d.host()),
                integer(s, "max_concurrent_agents", d.maxConcurrentAgents(), 0, 1_000),
                duration(s, "default_timeout", d.defaultTimeout()),
                duration(s, "gpu_poll_interval", d.gpuPollInterval()),
                path(s, "results_dir", home, d.resultsDir()),
                path(s, "db_path", home, d.dbPath()),
                apiKey,
                url(s, "webhook_url", null),
                duration(s, "stale_timeout", d.staleTimeout()),
                url(s, "hub_url", ""),
                url(s, "github_url", ""),
                lease,
                heartbeat,
                d.killGrace(),
                bool(s, "webhook_allow_private", d.webhookAllowPrivate()),
                spokeToken,
                dollars(s, "daily_budget_usd"),
                dollars(s, "monthly_budget_usd"),
                integer(s, "max_log_lines_per_attempt", d.maxLogLinesPerAttempt(), 1, Integer.MAX_VALUE));
    }

    private static String text(Map<String, Setting> s, String key, String fallback) {
        Setting setting = s.get(key);
        if (setting == null || setting.value() == null || setting.value().isBlank()) {
            return fallback;
        }
        return setting.value().strip();
    }

    private static int integer(Map<String, Setting> s, String key, int fallback, int min, int max) {
        String raw = text(s, key, null);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(s.get(key).source() + ": '" + raw + "' must be a whole number from "
                    + min + " to " + max);
        }
    }

    /** An amount of US dollars, 0 or more; null when not set. */
    private static Double dollars(Map<String, Setting> s, String key) {
        String raw = text(s, key, null);
        if (raw == null || raw.equals("null")) {
            return null;
        }
        try {
            double value = Double.parseDouble(raw.startsWith("$") ? raw.substring(1) : raw);
            if (!Double.isFinite(value) || value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(s.get(key).source() + ": '" + raw + "' must be an amount of US dollars such as 20 or 2.50");
        }
    }

    private static boolean bool(Map<String, Setting> s, String key, boolean fallback) {
        String raw = text(s, key, null);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(s.get(key).source() + ": '" + raw + "' must be true or false");
        };
    }

    private static Duration duration(Map<String, Setting> s, String key, Duration fallback) {
        String raw = text(s, key, null);
        if (raw == null) {
            return fallback;
        }
        try {
            Duration value = Durations.parse(raw);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.get(key).source() + ": '" + raw
                    + "' must be seconds (1800) or a duration like 30m, 2h");
        }
    }

    private static Path path(Map<String, Setting> s, String key, Path home, Path fallback) {
        String raw = text(s, key, null);
        if (raw == null) {
            return fallback;
        }
        try {
            String expanded = raw.startsWith("~/") ? System.getProperty("user.home") + raw.substring(1) : raw;
            return home.resolve(expanded).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(s.get(key).source() + ": '" + raw + "' is not a valid path");
        }
    }

    private static String url(Map<String, Setting> s, String key, String fallback) {
        String raw = text(s, key, null);
        if (raw == null || raw.equals("null")) {
            return fallback;
        }
        try {
            URI uri = URI.create(raw);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return raw;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.get(key).source() + ": '" + raw + "' must be an http:// or https:// URL");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
