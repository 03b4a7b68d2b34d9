package dev.dobby.hub.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.HubProcess;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's JVM killed with SIGKILL at random moments while shell tasks run on its own worker, then started
 * again: every command must run exactly once (each appends its task id to a file), no task may be lost or end
 * failed although its command succeeded, and nothing may be left running at the end.
 *
 * <p>The default run is short; {@code bench/crash-soak.sh} runs it at full size (60 tasks, 20 kills) and prints
 * the figures.
 */
class HubCrashLoopTest {
    private static final int TASKS = Integer.getInteger("dobby.soak.tasks", 12);
    private static final int KILLS = Integer.getInteger("dobby.soak.kills", 4);
    private static final List<String> HUB_SETTINGS = List.of("30", "10", "4");

    @TempDir
    Path home;

    @Test
    void everyCommandRunsExactlyOnceThroughRepeatedHubKills() throws Exception {
        long seed = Long.getLong("dobby.soak.seed", System.nanoTime());
        Random random = new Random(seed);
        Path project = Files.createDirectories(home.resolve("p"));
        Path runs = home.resolve("runs");
        List<Long> ids = new ArrayList<>();
        HubProcess hub = HubProcess.start(home, HUB_SETTINGS);
        try {
            hub.client().registerProject(new NewProject("p", project.toString(), null,
                    new ProjectPolicy(null, null, 4, null, null)));
            for (int i = 0; i < TASKS; i++) {
                ids.add(hub.client().createTask(NewTask.of("sleep 2; echo ok-$DOBBY_TASK_ID >> '" + runs + "'", "p")
                        .withBackend(Backend.SHELL)).id());
            }
            for (int kill = 0; kill < KILLS; kill++) {
                Thread.sleep(300 + random.nextInt(2_700));
                hub.kill();
                // Sometimes long enough for agents to finish while no hub runs.
                Thread.sleep(random.nextInt(2_500));
                hub = HubProcess.start(home, HUB_SETTINGS);
            }
            HubProcess last = hub;
            Await.until(() -> ids.stream().allMatch(id -> last.client().getTask(id).status().isTerminal()),
                    Duration.ofSeconds(60 + TASKS), "every task to end");

            Map<Long, Task> tasks = ids.stream().map(id -> last.client().getTask(id))
                    .collect(Collectors.toMap(Task::id, Function.identity()));
            List<String> ran = Files.readAllLines(runs);
            Map<String, Long> runsPerTask = ran.stream().collect(Collectors.groupingBy(l -> l, Collectors.counting()));
            long attempts = tasks.values().stream().mapToLong(Task::attempts).sum();
            System.out.printf("crash loop (seed %d): %d tasks, %d hub kills, %d attempts, %d commands run, "
                            + "%d run more than once, %d not completed%n", seed, TASKS, KILLS, attempts, ran.size(),
                    runsPerTask.values().stream().filter(n -> n > 1).count(),
                    tasks.values().stream().filter(t -> t.status() != TaskStatus.COMPLETED).count());

            assertThat(tasks.values()).as("seed %d", seed).allSatisfy(t ->
                    assertThat(t.status()).as("task %d (%s)", t.id(), t.statusReason()).isEqualTo(TaskStatus.COMPLETED));
            assertThat(runsPerTask).as("each command ran exactly once (seed %d)", seed)
                    .containsOnlyKeys(ids.stream().map(id -> "ok-" + id).toList())
                    .allSatisfy((line, count) -> assertThat(count).as(line).isEqualTo(1L));
        } finally {
            hub.kill();
        }
        Await.until(() -> leftovers().isEmpty(), Duration.ofSeconds(10), "no process of this home left running");
    }

    /** Processes whose command line names this test's home: supervisors and agents. */
    private List<ProcessHandle> leftovers() {
        String marker = home.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
    }
}
