package dev.dobby.hub.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.SpokeProcess;
import dev.dobby.hub.testing.TcpProxy;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One of two spokes is killed with -9, frozen with SIGSTOP and cut off from the hub, round after round, while
 * shell tasks run: no task may ever run in two places at once. Each run appends its start and end (also when it
 * is stopped) to a file, and the test checks that the runs of a task never overlap and that each one ended.
 *
 * <p>The default run is short; {@code bench/crash-soak.sh spoke} runs it with 30 tasks.
 */
@Timeout(600)
class SpokeLeaseLoopTest {
    private static final int TASKS = Integer.getInteger("dobby.soak.tasks", 8);
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration OUT_FOR = LEASE.plusSeconds(4);

    @TempDir
    Path home;

    private record Run(long task, int attempt, long start, Long end, boolean stopped) {
    }

    @Test
    void noTaskEverRunsInTwoPlacesWhileASpokeIsKilledFrozenOrCutOff() throws Exception {
        long seed = Long.getLong("dobby.soak.seed", System.nanoTime());
        Random random = new Random(seed);
        Path runs = home.resolve("runs");
        Path project = Files.createDirectories(home.resolve("p"));
        String command = "trap 'echo \"end $DOBBY_TASK_ID $(date +%s%3N) $DOBBY_ATTEMPT stopped\" >> \"" + runs
                + "\"; exit 143' TERM; echo \"start $DOBBY_TASK_ID $(date +%s%3N) $DOBBY_ATTEMPT\" >> \"" + runs
                + "\"; sleep 3 & wait $!; echo \"end $DOBBY_TASK_ID $(date +%s%3N) $DOBBY_ATTEMPT\" >> \"" + runs + "\"";
        try (TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withLease(LEASE, HEARTBEAT)
                .withMaxConcurrentAgents(0));
             TcpProxy link = new TcpProxy(hub.hub().port())) {
            hub.api().registerProject(new NewProject("p", project.toString(), null,
                    new ProjectPolicy(null, null, 4, null, null, 10, 0, null)));
            SpokeProcess a = spoke("a", link.url());
            SpokeProcess b = spoke("b", hub.url());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                ids.add(hub.api().createTask(NewTask.of(command, "p").withBackend(Backend.SHELL)).id());
            }
            List<String> disruptions = new ArrayList<>();
            try {
                int round = 0;
                while (!ids.stream().allMatch(id -> hub.api().getTask(id).status().isTerminal()) && round < 40) {
                    Thread.sleep(500 + random.nextInt(1_500));
                    switch (round++ % 4) {
                        case 0 -> {
                            a.kill();
                            Thread.sleep(1_000);
                            a = spoke("a", link.url());
                            disruptions.add("kill -9, back after 1 s");
                        }
                        case 1 -> {
                            a.kill();
                            Thread.sleep(OUT_FOR.toMillis());
                            a = spoke("a", link.url());
                            disruptions.add("kill -9, back after " + OUT_FOR.toSeconds() + " s");
                        }
                        case 2 -> {
                            signal("STOP", a.pid());
                            Thread.sleep(OUT_FOR.toMillis());
                            signal("CONT", a.pid());
                            disruptions.add("SIGSTOP for " + OUT_FOR.toSeconds() + " s");
                        }
                        default -> {
                            link.cut();
                            Thread.sleep(OUT_FOR.toMillis());
                            link.restore();
                            disruptions.add("cut off for " + OUT_FOR.toSeconds() + " s");
                        }
                    }
                }
                Await.until(() -> ids.stream().allMatch(id -> hub.api().getTask(id).status().isTerminal()),
                        Duration.ofSeconds(60), "every task to end");
            } finally {
                a.close();
                b.close();
            }

            Map<Long, List<Run>> byTask = parse(Files.readAllLines(runs)).stream()
                    .collect(Collectors.groupingBy(Run::task));
            long overlaps = 0;
            long longestHandOver = 0;
            for (List<Run> taskRuns : byTask.values()) {
                taskRuns.sort(Comparator.comparingLong(Run::start));
                for (int i = 1; i < taskRuns.size(); i++) {
                    Run before = taskRuns.get(i - 1);
                    Run after = taskRuns.get(i);
                    if (before.end() == null || after.start() < before.end()) {
                        overlaps++;
                    } else {
                        longestHandOver = Math.max(longestHandOver, after.start() - before.end());
                    }
                }
            }
            long reruns = byTask.values().stream().mapToLong(r -> r.size() - 1).sum();
            System.out.printf("lease loop (seed %d): %d tasks, %d disruptions of spoke a (%s), %d runs stopped and "
                            + "run again, %d overlapping runs, longest hand-over %d ms%n", seed, TASKS,
                    disruptions.size(), String.join("; ", disruptions), reruns, overlaps, longestHandOver);

            for (long id : ids) {
                Task task = hub.api().getTask(id);
                assertThat(task.status()).as("task %d: %s (seed %d)", id, task.statusReason(), seed)
                        .isEqualTo(TaskStatus.COMPLETED);
            }
            assertThat(byTask.values().stream().flatMap(List::stream))
                    .as("every run ended, normally or stopped (seed %d)", seed)
                    .allSatisfy(r -> assertThat(r.end()).as("run %s", r).isNotNull());
            assertThat(overlaps).as("runs of one task that overlapped (seed %d)", seed).isZero();
        }
    }

    private SpokeProcess spoke(String id, String url) {
        return SpokeProcess.builder(home.resolve(id), url, id).maxConcurrent(2).start();
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }

    /** "start ID MS ATTEMPT" and "end ID MS ATTEMPT [stopped]" lines, paired by task and attempt. */
    private static List<Run> parse(List<String> lines) {
        Map<String, Run> open = new java.util.LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.strip().split(" ");
            if (f.length < 4) {
                continue;
            }
            String key = f[1] + "/" + f[3];
            if (f[0].equals("start")) {
                open.put(key, new Run(Long.parseLong(f[1]), Integer.parseInt(f[3]), Long.parseLong(f[2]), null, false));
            } else if (open.containsKey(key)) {
                Run started = open.remove(key);
                runs.add(new Run(started.task(), started.attempt(), started.start(), Long.parseLong(f[2]),
                        f.length > 4));
            }
        }
        runs.addAll(open.values());
        return runs;
    }
}
