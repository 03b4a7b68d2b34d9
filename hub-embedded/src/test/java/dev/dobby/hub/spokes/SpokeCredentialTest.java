package dev.dobby.hub.spokes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.spoke.SpokeAgent;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spoke whose credential the hub no longer takes (401, which is also what an unknown spoke gets) registers
 * again once; refused again soon after, it stops, because another process is using its id.
 */
@Timeout(120)
class SpokeCredentialTest {
    private static final String HELLO = """
            {"id":"s","capabilities":{"backends":["shell"],"tags":[],"os":"test","cpus":1,"max_concurrent":1,
             "gpus":[]},"version":"test"}""";

    @TempDir
    Path home;

    @Test
    void aSpokeRegistersAgainOnceThenGivesWayToAnotherProcessWithItsId() throws Exception {
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(Duration.ofSeconds(6),
                Duration.ofSeconds(1)).withMaxConcurrentAgents(0))) {
            hub.project("p");
            Http http = new Http(hub.url());
            try (SpokeProcess spoke = SpokeProcess.builder(home.resolve("s"), hub.url(), "s").start()) {
                assertThat(http.post("/spokes/register", HELLO).status()).isEqualTo(200);

                long id = hub.shell("p", "echo still working").id();
                assertThat(hub.awaitEnd(id, Duration.ofSeconds(60)).status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(spoke.isAlive()).isTrue();
                assertThat(spoke.logText()).contains("registering again");

                assertThat(http.post("/spokes/register", HELLO).status()).isEqualTo(200);
                assertThat(spoke.awaitExit(Duration.ofSeconds(60))).isEqualTo(SpokeAgent.EXIT_UNAUTHORIZED);
            }
        }
    }
}
