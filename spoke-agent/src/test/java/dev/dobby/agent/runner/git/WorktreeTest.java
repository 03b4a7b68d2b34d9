package dev.dobby.agent.runner.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.AgentRunner;
import dev.dobby.agent.runner.Redactor;
import dev.dobby.agent.runner.RunResult;
import dev.dobby.agent.runner.ShellBackend;
import dev.dobby.agent.testing.Assignments;
import dev.dobby.agent.testing.RecordingListener;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worktrees on a real temporary git repository, with attempts run by the real runner. */
class WorktreeTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofHours(1);

    @TempDir
    Path temp;
    Path repo;
    String base;
    MutableClock clock;
    WorktreeManager worktrees;

    @BeforeEach
    void createRepository() throws Exception {
        repo = Files.createDirectories(temp.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "Test User");
        git(repo, "config", "user.email", "test@example.com");
        git(repo, "config", "commit.gpgsign", "false");
        Files.writeString(repo.resolve("README.md"), "hello\n");
        Files.createDirectories(repo.resolve("service"));
        Files.writeString(repo.resolve("service/app.txt"), "app\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "initial");
        base = git(repo, "rev-parse", "HEAD");
        clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        worktrees = new WorktreeManager(temp.resolve("worktrees"), RETENTION, clock);
    }

    private AgentRunner runner() {
        return new AgentRunner("w1", List.of(new ShellBackend()), Redactor.none(), Duration.ofSeconds(2), null,
                worktrees, temp.resolve("attempts"), clock);
    }

    private Assignment shellTask(long taskId, int attempt, String script, Path workdir) {
        return Assignments.of(Backend.SHELL, taskId, attempt, script, workdir, true, null, AgentOptions.NONE);
    }

    @Test
    void twoConcurrentAttemptsOnOneProjectEachWorkInTheirOwnWorktree() throws Exception {
        Path sync = Files.createDirectories(temp.resolve("sync"));
        // Each attempt says where it runs, then waits until the other has started too: they overlap for sure.
        String meet = "pwd -P > " + sync + "/$DOBBY_TASK_ID.cwd; i=0; "
                + "while [ ! -f " + sync + "/1.cwd ] || [ ! -f " + sync + "/2.cwd ]; do "
                + "i=$((i+1)); [ $i -gt 1000 ] && exit 3; sleep 0.02; done; "
                + "echo \"change from $DOBBY_TASK_ID\" > README.md; ";
        String commits = meet + "git add README.md && git commit -q -m 'agent commit 1'";
        String leavesChanges = meet + "echo new > new.txt";
        AgentRunner runner = runner();
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();

        runner.start(shellTask(1, 1, commits, repo), first);
        runner.start(shellTask(2, 1, leavesChanges, repo), second);
        RunResult one = first.await(LIMIT);
        RunResult two = second.await(LIMIT);

        assertThat(one.status()).as(first.texts().toString()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(two.status()).as(second.texts().toString()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(one.worktree().branch()).isEqualTo("dobby/1");
        assertThat(two.worktree().branch()).isEqualTo("dobby/2");
        assertThat(one.worktree().baseCommit()).isEqualTo(base);
        assertThat(two.worktree().baseCommit()).isEqualTo(base);
        Path ranOne = Path.of(Files.readString(sync.resolve("1.cwd")).strip());
        Path ranTwo = Path.of(Files.readString(sync.resolve("2.cwd")).strip());
        assertThat(ranOne).isNotEqualTo(ranTwo);
        assertThat(ranOne).isEqualTo(Path.of(one.worktree().path()).toRealPath());
        assertThat(ranTwo).isEqualTo(Path.of(two.worktree().path()).toRealPath());
        assertThat(ranOne.startsWith(temp.resolve("worktrees").toRealPath())).isTrue();

        assertThat(one.worktree().diffStat()).contains("README.md").contains("1 file changed");
        assertThat(two.worktree().diffStat()).contains("README.md").contains("new.txt").contains("2 files changed");
        assertThat(one.parsed().filesChanged()).containsExactly("README.md");
        assertThat(two.parsed().filesChanged()).containsExactly("README.md", "new.txt");

        // Both branches exist and hold the work; what the second agent left uncommitted was committed for it.
        assertThat(git(repo, "branch", "--list", "dobby/*", "--format=%(refname:short)").lines())
                .containsExactlyInAnyOrder("dobby/1", "dobby/2");
        assertThat(git(repo, "log", "-1", "--format=%s", "dobby/1")).isEqualTo("agent commit 1");
        assertThat(git(repo, "log", "-1", "--format=%s", "dobby/2"))
                .isEqualTo("Dobby: changes left uncommitted by task 2 (attempt 1)");
        assertThat(git(repo, "show", "dobby/2:new.txt")).isEqualTo("new");
        assertThat(git(repo, "show", "dobby/1:README.md")).isEqualTo("change from 1");

        // The project's own checkout is untouched.
        assertThat(git(repo, "status", "--porcelain")).isEmpty();
        assertThat(git(repo, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
        assertThat(git(repo, "rev-parse", "HEAD")).isEqualTo(base);
        assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("hello\n");
    }

    @Test
    void finishedWorktreesAreRemovedAfterTheRetentionPeriodAndTheirBranchesStay() throws Exception {
        RecordingListener listener = new RecordingListener();
        runner().start(shellTask(3, 1, "echo x > x.txt", repo), listener);
        Path done = Path.of(listener.await(LIMIT).worktree().path());
        WorktreeManager.Lease running = worktrees.acquire(shellTask(4, 1, "", repo), repo).orElseThrow();

        clock.advance(RETENTION.minusMinutes(1));
        assertThat(worktrees.removeExpired()).isZero();
        assertThat(done).isDirectory();

        clock.advance(Duration.ofMinutes(2));
        assertThat(worktrees.removeExpired()).isEqualTo(1);
        assertThat(done).doesNotExist();
        assertThat(running.path()).as("an attempt still using its worktree keeps it").isDirectory();
        assertThat(git(repo, "worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")))
                .hasSize(2);
        assertThat(git(repo, "branch", "--list", "dobby/*", "--format=%(refname:short)").lines())
                .containsExactlyInAnyOrder("dobby/3", "dobby/4");
        assertThat(git(repo, "show", "dobby/3:x.txt")).isEqualTo("x");

        running.close();
        clock.advance(RETENTION.plusMinutes(1));
        assertThat(worktrees.removeExpired()).isEqualTo(1);
        assertThat(running.path()).doesNotExist();
        assertThat(git(repo, "worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")))
                .hasSize(1);
        assertThat(git(repo, "branch", "--list", "dobby/*", "--format=%(refname:short)").lines())
                .containsExactlyInAnyOrder("dobby/3", "dobby/4");
    }

    @Test
    void aRetryGetsItsOwnBranchAndATakenNameIsNotReused() throws Exception {
        git(repo, "branch", "dobby/5");
        RecordingListener first = new RecordingListener();
        RecordingListener retry = new RecordingListener();

        runner().start(shellTask(5, 1, "true", repo), first);
        runner().start(shellTask(5, 2, "true", repo), retry);

        assertThat(first.await(LIMIT).worktree().branch()).isEqualTo("dobby/5.2");
        RunResult second = retry.await(LIMIT);
        assertThat(second.worktree().branch()).isEqualTo("dobby/5-2");
        assertThat(second.worktree().diffStat()).isEmpty();
        assertThat(second.parsed().filesChanged()).isEmpty();
    }

    @Test
    void aProjectInASubdirectoryRunsInTheSameSubdirectoryOfTheWorktree() throws Exception {
        RecordingListener listener = new RecordingListener();

        runner().start(shellTask(6, 1, "pwd -P; echo changed > app.txt", repo.resolve("service")), listener);
        RunResult result = listener.await(LIMIT);

        assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(listener.texts().get(0))
                .isEqualTo(Path.of(result.worktree().path()).toRealPath().resolve("service").toString());
        assertThat(result.parsed().filesChanged()).containsExactly("service/app.txt");
        assertThat(Files.readString(repo.resolve("service/app.txt"))).isEqualTo("app\n");
    }

    @Test
    void aDirectoryThatIsNotARepositoryRunsInPlace() throws Exception {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        RecordingListener listener = new RecordingListener();

        runner().start(shellTask(7, 1, "pwd -P", plain), listener);
        RunResult result = listener.await(LIMIT);

        assertThat(result.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(result.worktree()).isNull();
        assertThat(listener.texts()).containsExactly(plain.toRealPath().toString());
    }

    @Test
    void withoutTheWorktreeFlagARepositoryRunsInPlace() throws Exception {
        RecordingListener listener = new RecordingListener();

        runner().start(Assignments.of(Backend.SHELL, 8, "pwd -P", repo), listener);

        assertThat(listener.await(LIMIT).worktree()).isNull();
        assertThat(listener.texts()).containsExactly(repo.toRealPath().toString());
    }

    @Test
    void aRepositoryWithoutCommitsIsRefusedWithAReason() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        git(empty, "init", "-q");
        RecordingListener listener = new RecordingListener();

        runner().start(shellTask(9, 1, "touch should-not-run", empty), listener);
        RunResult result = listener.await(LIMIT);

        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.reason()).contains("has no commits yet").contains("worker w1");
        assertThat(empty.resolve("should-not-run")).doesNotExist();
    }

    @Test
    void aWorktreeRootInsideTheProjectIsRefused() {
        WorktreeManager inside = new WorktreeManager(repo.resolve(".worktrees"), RETENTION, clock);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inside.acquire(shellTask(10, 1, "", repo), repo))
                .isInstanceOf(WorktreeException.class).hasMessageContaining("lies inside the project's repository");
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + out);
        }
        return out.strip();
    }

    /** A clock the test moves forward, so retention needs no waiting. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
