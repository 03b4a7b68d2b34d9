package dev.dobby.agent.runner;

import java.util.List;
import java.util.Map;

/**
 * What an agent must not inherit from the process that starts it. An agent runs whatever a task description (or a
 * prompt injected into its repository) tells it to, so anything in its environment can end up in a log, a commit
 * or a request to somewhere else. The hub's and spoke's own secrets stay with them.
 */
public final class AgentEnvironment {
    /** Secrets of the hub, the spoke, the Slack bridge and the launcher, and settings that point at them. */
    public static final List<String> WITHHELD = List.of(
            "DOBBY_API_KEY", "DOBBY_SPOKE_TOKEN", "DOBBY_WEBHOOK_URL", "DOBBY_HOME", "DOBBY_CONFIG",
            "DOBBY_JAVA_OPTS", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SECRET", "VULTR_API_KEY");

    private AgentEnvironment() {
    }

    /** Removes the withheld variables from a child process's environment, in place. */
    public static void scrub(Map<String, String> environment) {
        WITHHELD.forEach(environment::remove);
    }
}
