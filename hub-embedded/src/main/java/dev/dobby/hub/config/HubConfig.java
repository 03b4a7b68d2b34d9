package dev.dobby.hub.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The hub's settings, every default applied and every path absolute. Built by {@link ConfigLoader} from
 * dobby.yaml, .env, DOBBY_* variables and flags, or directly by code that embeds a hub.
 *
 * @param home                 DOBBY_HOME: where relative paths point (default ~/.dobby)
 * @param maxConcurrentAgents  how many agents the hub's local worker runs at once (0 turns it off)
 * @param defaultTimeout       a task's timeout when neither it nor its project sets one
 * @param staleTimeout         a running task silent this long is stopped as stale
 * @param hubUrl               the address people reach the hub at, for links; empty if not set
 * @param leaseTimeout         how long a worker's attempt survives without a heartbeat
 * @param webhookAllowPrivate  webhooks may go to loopback, link-local and private addresses (off: refused)
 * @param spokeToken           the enrolment token spokes register with, besides the api_key; null if not set
 * @param dailyBudgetUsd       US dollars all tasks together may spend per calendar day; null for no limit
 * @param monthlyBudgetUsd     the same per calendar month
 * @param maxLogLinesPerAttempt how many output lines the hub stores for one attempt; the rest stays on the worker
 */
public record HubConfig(
        Path home,
        int port,
        String host,
        int maxConcurrentAgents,
        Duration defaultTimeout,
        Duration gpuPollInterval,
        Path resultsDir,
        Path dbPath,
        String apiKey,
        String webhookUrl,
        Duration staleTimeout,
        String hubUrl,
        String githubUrl,
        Duration leaseTimeout,
        Duration heartbeatInterval,
        Duration killGrace,
        boolean webhookAllowPrivate,
        String spokeToken,
        Double dailyBudgetUsd,
        Double monthlyBudgetUsd,
        int maxLogLinesPerAttempt) {

    public static final int DEFAULT_MAX_LOG_LINES_PER_ATTEMPT = 100_000;

    /** Settings without hub-wide budgets, with the default cap on stored output lines. */
    public HubConfig(Path home, int port, String host, int maxConcurrentAgents, Duration defaultTimeout,
                     Duration gpuPollInterval, Path resultsDir, Path dbPath, String apiKey, String webhookUrl,
                     Duration staleTimeout, String hubUrl, String githubUrl, Duration leaseTimeout,
                     Duration heartbeatInterval, Duration killGrace, boolean webhookAllowPrivate, String spokeToken) {
        this(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir, dbPath, apiKey,
                webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace,
                webhookAllowPrivate, spokeToken, null, null, DEFAULT_MAX_LOG_LINES_PER_ATTEMPT);
    }

    /** These settings with hub-wide budgets in US dollars (null: no limit). */
    public HubConfig withBudgets(Double daily, Double monthly) {
        return new HubConfig(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace,
                webhookAllowPrivate, spokeToken, daily, monthly, maxLogLinesPerAttempt);
    }

    /** Settings without the webhook allowance (private webhook targets refused). */
    public HubConfig(Path home, int port, String host, int maxConcurrentAgents, Duration defaultTimeout,
                     Duration gpuPollInterval, Path resultsDir, Path dbPath, String apiKey, String webhookUrl,
                     Duration staleTimeout, String hubUrl, String githubUrl, Duration leaseTimeout,
                     Duration heartbeatInterval, Duration killGrace) {
        this(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir, dbPath, apiKey,
                webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace, false, null);
    }

    public static final int DEFAULT_PORT = 8420;
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Defaults for a hub whose files live under {@code home}. */
    public static HubConfig defaults(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        return new HubConfig(absolute, DEFAULT_PORT, DEFAULT_HOST, 5, Duration.ofMinutes(30), Duration.ofMinutes(5),
                absolute.resolve("results"), absolute.resolve("dobby.db"), null, null, Duration.ofMinutes(30), "", "",
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5), false, null, null, null,
                DEFAULT_MAX_LOG_LINES_PER_ATTEMPT);
    }

    public boolean hasSpokeToken() {
        return spokeToken != null && !spokeToken.isBlank();
    }

    public HubConfig withSpokeToken(String value) {
        return new HubConfig(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace,
                webhookAllowPrivate, value, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** Whether {@code host} only accepts connections from this machine. */
    public boolean loopbackOnly() {
        return isLoopback(host);
    }

    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.strip();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            InetAddress address = InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
            return address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public HubConfig withPort(int value) {
        return new HubConfig(home, value, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace, webhookAllowPrivate,
                spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public HubConfig withHost(String value) {
        return new HubConfig(home, port, value, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace, webhookAllowPrivate,
                spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public HubConfig withApiKey(String value) {
        return new HubConfig(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, value, webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace, webhookAllowPrivate,
                spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public HubConfig withMaxConcurrentAgents(int value) {
        return new HubConfig(home, port, host, value, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace, webhookAllowPrivate,
                spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public HubConfig withDefaultTimeout(Duration value) {
        return new HubConfig(home, port, host, maxConcurrentAgents, value, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace, webhookAllowPrivate,
                spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public HubConfig withLease(Duration lease, Duration heartbeat) {
        return new HubConfig(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, hubUrl, githubUrl, lease, heartbeat, killGrace, webhookAllowPrivate,
                spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    /** How often workers poll tracked jobs (gpu_poll_interval). */
    public HubConfig withGpuPollInterval(Duration value) {
        return new HubConfig(home, port, host, maxConcurrentAgents, defaultTimeout, value, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace,
                webhookAllowPrivate, spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public HubConfig withKillGrace(Duration value) {
        return new HubConfig(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, value, webhookAllowPrivate,
                spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public HubConfig withWebhook(String url, boolean allowPrivate) {
        return new HubConfig(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, url, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace,
                allowPrivate,
                spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public HubConfig withHubUrl(String value) {
        return new HubConfig(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, value, githubUrl, leaseTimeout, heartbeatInterval, killGrace,
                webhookAllowPrivate,
                spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public HubConfig withStaleTimeout(Duration value) {
        return new HubConfig(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, value, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace,
                webhookAllowPrivate,
                spokeToken, dailyBudgetUsd, monthlyBudgetUsd, maxLogLinesPerAttempt);
    }

    public HubConfig withMaxLogLinesPerAttempt(int value) {
        return new HubConfig(home, port, host, maxConcurrentAgents, defaultTimeout, gpuPollInterval, resultsDir,
                dbPath, apiKey, webhookUrl, staleTimeout, hubUrl, githubUrl, leaseTimeout, heartbeatInterval, killGrace,
                webhookAllowPrivate, spokeToken, dailyBudgetUsd, monthlyBudgetUsd, value);
    }
}
