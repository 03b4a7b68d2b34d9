package dev.dobby.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private ConfigLoader.Loaded load(ConfigLoader.Flags flags, Map<String, String> env) {
        return ConfigLoader.load(flags, env, dir);
    }

    @Test
    void defaultsLiveUnderDobbyHome() {
        HubConfig config = load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.resolve("h").toString())).config();
        assertThat(config.port()).isEqualTo(8420);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.maxConcurrentAgents()).isEqualTo(5);
        assertThat(config.defaultTimeout()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(config.staleTimeout()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(config.gpuPollInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.dbPath()).isEqualTo(dir.resolve("h/dobby.db"));
        assertThat(config.resultsDir()).isEqualTo(dir.resolve("h/results"));
        assertThat(config.apiKey()).isNull();
        assertThat(config.hubUrl()).isEmpty();
    }

    @Test
    void yamlThenDotEnvThenEnvironmentThenFlagsEachWin() throws Exception {
        Path yaml = Files.writeString(dir.resolve("dobby.yaml"), """
                port: 9001
                host: 127.0.0.1
                max_concurrent_agents: 3
                default_timeout: 600
                results_dir: out
                db_path: data/dobby.db
                api_key: null
                webhook_url: https://hooks.example/dobby
                stale_timeout: 20m
                hub_url: "https://dobby.example"
                github_url: ""
                gpu_poll_interval: 60
                """);
        Files.writeString(dir.resolve(".env"), """
                # comment
                export DOBBY_PORT=9002
                DOBBY_MAX_CONCURRENT_AGENTS="4"
                SLACK_BOT_TOKEN=xoxb-ignored-here
                """);
        Map<String, String> env = Map.of("DOBBY_HOME", dir.toString(), "DOBBY_PORT", "9003", "DOBBY_API_KEY", "a-long-secret");
        HubConfig fromFiles = load(new ConfigLoader.Flags(yaml, null, null, null), env).config();
        assertThat(fromFiles.port()).isEqualTo(9003);
        assertThat(fromFiles.maxConcurrentAgents()).isEqualTo(4);
        assertThat(fromFiles.defaultTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(fromFiles.staleTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(fromFiles.resultsDir()).isEqualTo(dir.resolve("out"));
        assertThat(fromFiles.dbPath()).isEqualTo(dir.resolve("data/dobby.db"));
        assertThat(fromFiles.apiKey()).isEqualTo("a-long-secret");
        assertThat(fromFiles.webhookUrl()).isEqualTo("https://hooks.example/dobby");
        assertThat(fromFiles.hubUrl()).isEqualTo("https://dobby.example");

        HubConfig withFlags = load(new ConfigLoader.Flags(yaml, 9004, "localhost", Path.of("flag.db")), env).config();
        assertThat(withFlags.port()).isEqualTo(9004);
        assertThat(withFlags.host()).isEqualTo("localhost");
        assertThat(withFlags.dbPath()).isEqualTo(dir.resolve("flag.db"));
    }

    @Test
    void unknownKeysAreAStartupErrorNotASilentDefault() throws Exception {
        Path yaml = Files.writeString(dir.resolve("dobby.yaml"), "prot: 8420\n");
        assertThatThrownBy(() -> load(new ConfigLoader.Flags(yaml, null, null, null), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("dobby.yaml: unknown key 'prot'")
                .hasMessageContaining("port");
        Files.writeString(dir.resolve(".env"), "DOBBY_PROT=1\n");
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of()))
                .hasMessageStartingWith(".env: unknown setting DOBBY_PROT");
    }

    @Test
    void unknownEnvironmentVariablesAreReportedButDoNotStopTheHub() {
        var loaded = load(ConfigLoader.Flags.none(), Map.of("DOBBY_PROT", "1", "DOBBY_URL", "http://x:1"));
        assertThat(loaded.warnings()).singleElement().asString().contains("DOBBY_PROT");
    }

    @Test
    void malformedValuesNameTheirSource() throws Exception {
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of("DOBBY_PORT", "eighty")))
                .hasMessage("environment DOBBY_PORT: 'eighty' must be a whole number from 0 to 65535");
        assertThatThrownBy(() -> load(new ConfigLoader.Flags(null, 70000, null, null), Map.of()))
                .hasMessageStartingWith("--port: '70000'");
        Path yaml = Files.writeString(dir.resolve("dobby.yaml"), "default_timeout: soon\n");
        assertThatThrownBy(() -> load(new ConfigLoader.Flags(yaml, null, null, null), Map.of()))
                .hasMessageContaining("dobby.yaml: default_timeout: 'soon' must be seconds");
        Files.writeString(yaml, "port: [1, 2]\n");
        assertThatThrownBy(() -> load(new ConfigLoader.Flags(yaml, null, null, null), Map.of()))
                .hasMessageContaining("must be a single value");
        Files.writeString(yaml, "port: 1\n  host: x\n");
        assertThatThrownBy(() -> load(new ConfigLoader.Flags(yaml, null, null, null), Map.of()))
                .hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of("DOBBY_WEBHOOK_URL", "ftp://x")))
                .hasMessageContaining("must be an http:// or https:// URL");
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of("DOBBY_API_KEY", "short")))
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> load(new ConfigLoader.Flags(dir.resolve("missing.yaml"), null, null, null), Map.of()))
                .hasMessageContaining("does not exist");
        Files.writeString(dir.resolve(".env"), "this is not a setting\n");
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of()))
                .hasMessage(".env line 1: expected KEY=value");
    }

    @Test
    void privateWebhookTargetsAreRefusedUntilAllowed() throws Exception {
        assertThat(load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString())).config().webhookAllowPrivate())
                .isFalse();
        Path yaml = Files.writeString(dir.resolve("dobby.yaml"), """
                webhook_url: http://127.0.0.1:9000/hook
                webhook_allow_private: true
                """);
        HubConfig allowed = load(new ConfigLoader.Flags(yaml, null, null, null), Map.of("DOBBY_HOME", dir.toString()))
                .config();
        assertThat(allowed.webhookAllowPrivate()).isTrue();
        assertThat(allowed.webhookUrl()).isEqualTo("http://127.0.0.1:9000/hook");
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString(),
                "DOBBY_WEBHOOK_ALLOW_PRIVATE", "perhaps")))
                .hasMessageContaining("DOBBY_WEBHOOK_ALLOW_PRIVATE: 'perhaps' must be true or false");
    }

    @Test
    void theSpokeEnrolmentTokenComesFromYamlOrTheSameVariableSpokesUse() throws Exception {
        Path yaml = Files.writeString(dir.resolve("dobby.yaml"), "spoke_token: from-the-yaml-file\n");
        assertThat(load(new ConfigLoader.Flags(yaml, null, null, null), Map.of()).config().spokeToken())
                .isEqualTo("from-the-yaml-file");
        assertThat(load(ConfigLoader.Flags.none(), Map.of("DOBBY_SPOKE_TOKEN", "from-the-environment")).config()
                .spokeToken()).isEqualTo("from-the-environment");
        assertThat(load(ConfigLoader.Flags.none(), Map.of()).config().hasSpokeToken()).isFalse();
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of("DOBBY_SPOKE_TOKEN", "short")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment DOBBY_SPOKE_TOKEN is too short: use at least 8 characters");
    }

    @Test
    void aShortLeaseGetsAHeartbeatThatFitsItUnlessOneIsSet() {
        Map<String, String> env = Map.of("DOBBY_HOME", dir.toString(), "DOBBY_LEASE_TIMEOUT", "10s");
        HubConfig shortLease = load(ConfigLoader.Flags.none(), env).config();
        assertThat(shortLease.leaseTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(shortLease.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));

        HubConfig defaults = load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString())).config();
        assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        HubConfig longLease = load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString(),
                "DOBBY_LEASE_TIMEOUT", "5m")).config();
        assertThat(longLease.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        HubConfig explicit = load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString(),
                "DOBBY_LEASE_TIMEOUT", "10s", "DOBBY_HEARTBEAT_INTERVAL", "4s")).config();
        assertThat(explicit.heartbeatInterval()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void timingsThatWouldLoseHealthyWorkersAreRefusedInOneLine() {
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString(),
                "DOBBY_LEASE_TIMEOUT", "10s", "DOBBY_HEARTBEAT_INTERVAL", "5s")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("heartbeat_interval (5s) must be less than half of lease_timeout (10s) so one late"
                        + " heartbeat does not lose a worker; leave heartbeat_interval unset to get 3s");
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString(),
                "DOBBY_HEARTBEAT_INTERVAL", "20s")))
                .hasMessageStartingWith("heartbeat_interval (20s) must be less than half of lease_timeout (30s)");
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString(),
                "DOBBY_LEASE_TIMEOUT", "8s")))
                .hasMessage("lease_timeout (8s) must be at least twice the agents' kill grace (5s)");
        assertThatThrownBy(() -> load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString(),
                "DOBBY_LEASE_TIMEOUT", "2s")))
                .hasMessage("lease_timeout (2s) must be at least 3s");
    }
}
