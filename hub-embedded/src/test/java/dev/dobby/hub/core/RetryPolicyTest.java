package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.testing.FakeWorker;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automatic retries by project policy: attempts, backoff on the hub's clock, and what waits meanwhile. */
class RetryPolicyTest {
    @TempDir
    Path home;
    final SteppedClock clock = SteppedClock.running(Instant.parse("2026-03-02T10:00:00Z"));
    TestHub hub;
    HubApi api;

    @BeforeEach
    void start() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0), b -> b.clock(clock).automaticTicks(false));
        hub.project("p");
        api = hub.client();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private FakeWorker worker() {
        return new FakeWorker(hub.hub().work(), "w", List.of(Backend.SHELL), List.of(), 10);
    }

    private Task add(String description, Long... parents) {
        return api.createTask(NewTask.of(description, "p").withBackend(Backend.SHELL).withDependsOn(List.of(parents)));
    }

    private Assignment take(Task task) {
        Assignment assignment = worker().take();
        assertThat(assignment.taskId()).isEqualTo(task.id());
        return assignment;
    }

    private void assertNothingToRun() {
        assertThat(worker().poll(Duration.ofMillis(200))).isEmpty();
    }

    /** The worker stops answering: its lease (and the margin after it) runs out and the hub's watchdog notices. */
    private void loseWorker() {
        clock.step(Duration.ofSeconds(31).plus(Watchdog.LEASE_MARGIN));
        hub.hub().tick();
    }

    @Test
    void withoutAPolicyAFailureIsFinalAndALostAttemptIsRetriedOnce() {
        Task failing = add("fails");
        worker().finish(take(failing), TaskStatus.FAILED, 1, "boom");
        assertThat(api.getTask(failing.id()).status()).isEqualTo(TaskStatus.FAILED);

        Task lost = add("lost");
        take(lost);
        loseWorker();
        Task again = api.getTask(lost.id());
        assertThat(again.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(again.statusReason()).contains("stopped answering").endsWith("; queued again");
        assertThat(again.notBefore()).isNull();
        take(lost);
        loseWorker();
        Task ended = api.getTask(lost.id());
        assertThat(ended.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(ended.statusReason()).contains("not retried again");
        assertThat(ended.attempts()).isEqualTo(2);
    }

    @Test
    void aPolicyRetriesFailuresAndTimeoutsAfterADoublingBackoffWhileChildrenWait() {
        api.updateProject("p", ProjectPolicy.retries(3, 60));
        Task parent = add("flaky");
        Task child = add("after it", parent.id());

        worker().finish(take(parent), TaskStatus.FAILED, 1, "boom");
        Instant failedAt = clock.instant();
        Task waiting = api.getTask(parent.id());
        assertThat(waiting.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.notBefore()).isBetween(failedAt.plusSeconds(59), failedAt.plusSeconds(60));
        assertThat(waiting.statusReason()).startsWith("attempt 1 failed; retry 2 of 3 at ");
        assertThat(api.getTask(child.id()).statusReason())
                .as("an automatic retry is not a failure for the children").isEqualTo("waiting for #" + parent.id() + " to complete");
        assertNothingToRun();

        clock.step(Duration.ofSeconds(60));
        worker().finish(take(parent), TaskStatus.TIMED_OUT, 124, "too slow");
        Instant timedOutAt = clock.instant();
        Task second = api.getTask(parent.id());
        assertThat(second.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(second.notBefore()).as("the backoff doubles").isBetween(timedOutAt.plusSeconds(119),
                timedOutAt.plusSeconds(120));
        assertThat(second.statusReason()).startsWith("attempt 2 timed_out; retry 3 of 3 at ");
        clock.step(Duration.ofSeconds(60));
        assertNothingToRun();

        clock.step(Duration.ofSeconds(61));
        worker().finish(take(parent), TaskStatus.FAILED, 1, "still broken");
        Task ended = api.getTask(parent.id());
        assertThat(ended.status()).as("three attempts were all it gets").isEqualTo(TaskStatus.FAILED);
        assertThat(ended.attempts()).isEqualTo(3);
        assertThat(api.getTask(child.id()).statusReason()).contains("#" + parent.id() + " failed");
        assertThat(api.result(parent.id()).attempt()).isEqualTo(3);
        assertThat(api.results("p", 50, 0).results()).filteredOn(r -> r.taskId() == parent.id())
                .extracting(TaskResult::attempt).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void aRetryThatSucceedsReleasesTheChildren() {
        api.updateProject("p", ProjectPolicy.retries(2, 0));
        Task parent = add("flaky");
        Task child = add("after it", parent.id());
        worker().finish(take(parent), TaskStatus.FAILED, 1, "boom");
        Task again = api.getTask(parent.id());
        assertThat(again.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(again.notBefore()).as("no backoff: at once").isNull();
        assertThat(again.statusReason()).isEqualTo("attempt 1 failed; retry 2 of 2");
        worker().finish(take(parent), TaskStatus.COMPLETED, 0, "ok");
        assertThat(api.getTask(child.id()).status()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void aUsageLimitUsesUpNoRetryAndHoldsOnlyItsAccountUntilTheReset() {
        api.updateProject("p", ProjectPolicy.retries(2, 0));
        Task task = add("limited");
        Instant resets = clock.instant().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        hub.hub().work().finish(take(task).attempt(), new Outcome(TaskStatus.FAILED, 1, 3, "usage limit reached",
                List.of(), null, null, null, null, null, null, null, null, true, resets, false, "rate limited", 0));
        Task waiting = api.getTask(task.id());
        assertThat(waiting.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(waiting.statusReason()).startsWith("usage limit of w/shell — resumes at ");
        assertThat(waiting.notBefore()).as("another account may take it at once").isNull();
        assertNothingToRun();
        FakeWorker other = new FakeWorker(hub.hub().work(), "other", List.of(Backend.SHELL), List.of(), 1);
        Assignment elsewhere = other.poll(Duration.ofSeconds(5)).orElseThrow();
        assertThat(elsewhere.taskId()).isEqualTo(task.id());
        other.finish(elsewhere, TaskStatus.COMPLETED, 0, "done elsewhere");

        // After the reset w works again. A second task is limited too, then fails: the failure still has the
        // policy's retry, because the limited attempt did not count.
        clock.set(resets.plusSeconds(31));
        Task second = add("limited too");
        Instant again = clock.instant().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        hub.hub().work().finish(take(second).attempt(), new Outcome(TaskStatus.FAILED, 1, 3, "usage limit reached",
                List.of(), null, null, null, null, null, null, null, null, true, again, false, "rate limited", 0));
        assertNothingToRun();
        clock.set(again.plusSeconds(31));
        worker().finish(take(second), TaskStatus.FAILED, 1, "boom");
        assertThat(api.getTask(second.id()).status()).isEqualTo(TaskStatus.PENDING);
        assertThat(api.getTask(second.id()).statusReason()).contains("retry 2 of 2");
    }

    @Test
    void lostAttemptsFollowThePolicyToo() {
        api.updateProject("p", ProjectPolicy.retries(3, 0));
        Task task = add("on a flaky spoke");
        take(task);
        loseWorker();
        take(task);
        loseWorker();
        assertThat(api.getTask(task.id()).status()).isEqualTo(TaskStatus.PENDING);
        take(task);
        loseWorker();
        Task ended = api.getTask(task.id());
        assertThat(ended.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(ended.attempts()).isEqualTo(3);
    }

    @Test
    void aCancelledOrStaleAttemptIsNotRetried() {
        api.updateProject("p", ProjectPolicy.retries(3, 0));
        Task cancelled = add("cancel me");
        take(cancelled);
        api.cancelTask(cancelled.id());
        assertThat(api.getTask(cancelled.id()).status()).isEqualTo(TaskStatus.CANCELLED);
        Task stale = add("goes quiet");
        worker().finish(take(stale), TaskStatus.STALE, 1, "no output");
        assertThat(api.getTask(stale.id()).status()).isEqualTo(TaskStatus.STALE);
    }

    @Test
    void badRetryPoliciesAreRefused() {
        assertThatThrownBy(() -> api.updateProject("p", ProjectPolicy.retries(0, 0)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("policy.max_attempts must be between 1 and 20");
        assertThatThrownBy(() -> api.updateProject("p", ProjectPolicy.retries(2, -5)))
                .hasMessageContaining("policy.retry_backoff must be between 0 and 86400");
        assertThat(api.getProject("p").policy().maxAttempts()).isNull();
    }
}
