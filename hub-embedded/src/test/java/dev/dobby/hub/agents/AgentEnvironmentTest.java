package dev.dobby.hub.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.HubProcess;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.client.HubHttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's own secrets, set in its environment, are not handed down to the agents it starts. */
class AgentEnvironmentTest {
    @TempDir
    Path home;

    @Test
    void anAgentSeesNoneOfTheHubsSecrets() throws Exception {
        Map<String, String> secrets = Map.of("DOBBY_API_KEY", "hub-key-in-env-0123", "DOBBY_SPOKE_TOKEN",
                "spoke-token-0123", "DOBBY_JAVA_OPTS", "-Xmx1g", "DOBBY_HOME", home.toString(),
                "SLACK_BOT_TOKEN", "xoxb-not-for-agents", "SLACK_APP_TOKEN", "xapp-not-for-agents",
                "VULTR_API_KEY", "vultr-not-for-agents", "INNOCENT_SETTING", "kept");
        try (HubProcess hub = HubProcess.start(home, List.of(), List.of(), secrets)) {
            HubHttpClient api = hub.client();
            Path project = Files.createDirectories(home.resolve("project"));
            api.registerProject(NewProject.of("p", project.toString()));
            long id = api.createTask(NewTask.of("env", "p").withBackend(Backend.SHELL)).id();
            Await.until(() -> api.getTask(id), t -> t.status().isTerminal(), Duration.ofSeconds(30), "env to end");

            String output = api.logs(id, 0, 10_000).lines().stream().map(LogLine::text)
                    .collect(Collectors.joining("\n"));
            assertThat(output).contains("INNOCENT_SETTING=kept");
            for (String name : secrets.keySet()) {
                if (!name.equals("INNOCENT_SETTING")) {
                    assertThat(output).as(name).doesNotContain(name + "=");
                }
            }
        }
    }
}
