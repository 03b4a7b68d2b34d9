package dev.dobby.hub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.SchedulePreview;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskPage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Previewing, pausing, resuming and listing the runs of schedules, through the HTTP client. */
class ScheduleControlTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path home;
    final SteppedClock clock = SteppedClock.frozen(T0);
    TestHub hub;

    @BeforeEach
    void start() {
        hub = TestHub.start(home, c -> c.withMaxConcurrentAgents(0), b -> b.clock(clock).automaticTicks(false));
        hub.project("p");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubApi api() {
        return hub.client();
    }

    private void tickAt(Duration sinceT0) {
        clock.set(T0.plus(sinceT0));
        hub.hub().tick();
    }

    @Test
    void aPreviewListsTheNextFiringsOfCronAndEveryWithoutCreatingAnything() {
        SchedulePreview every = api().previewSchedule(null, "2h", 3);
        assertThat(every.next()).containsExactly(T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(4)),
                T0.plus(Duration.ofHours(6)));
        assertThat(every.every()).isEqualTo("2h");
        assertThat(every.timeZone()).isEqualTo(ZoneId.systemDefault().getId());

        SchedulePreview cron = api().previewSchedule("30 9 * * *", null, 3);
        ZonedDateTime local = T0.atZone(ZoneId.systemDefault());
        ZonedDateTime first = local.withHour(9).withMinute(30).withSecond(0).withNano(0);
        if (!first.isAfter(local)) {
            first = first.plusDays(1);
        }
        assertThat(cron.next()).containsExactly(first.toInstant(), first.plusDays(1).toInstant(),
                first.plusDays(2).toInstant());
        assertThat(api().schedules(null)).as("a preview creates nothing").isEmpty();

        Http http = new Http(hub.url());
        Http.Reply defaults = http.get("/schedules/preview?every=30m");
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().path("next")).hasSize(SchedulePreview.DEFAULT_COUNT);
    }

    @Test
    void aBadExpressionGetsTheSameClearRefusalAsCreatingTheSchedule() {
        Http http = new Http(hub.url());
        assertRefused(http, "/schedules/preview?cron=61+*+*+*+*", "cron '61 * * * *' is not a valid Unix cron expression");
        assertRefused(http, "/schedules/preview?cron=0+0+30+2+*", "never fires");
        assertRefused(http, "/schedules/preview?every=10s", "every must be between 1m and 366d");
        assertRefused(http, "/schedules/preview?cron=@daily&every=1h", "give cron or every, not both");
        assertRefused(http, "/schedules/preview", "a schedule needs cron or every");
        assertRefused(http, "/schedules/preview?every=1h&count=0", "count must be between 1 and 20");
        assertThatThrownBy(() -> api().previewSchedule("* * *", null, 3))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("must have five fields");
                });
    }

    private static void assertRefused(Http http, String path, String message) {
        Http.Reply reply = http.get(path);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.error()).contains(message);
    }

    @Test
    void aPausedScheduleQueuesNothingAndResumesFromItsNextFiringAfterNow() {
        Schedule schedule = api().createSchedule(NewTask.of("poll", "p").withBackend(Backend.SHELL).withEvery("1h"));
        tickAt(Duration.ofHours(1));
        Schedule paused = api().pauseSchedule(schedule.id());
        assertThat(paused.state()).isEqualTo(Schedule.State.PAUSED);
        assertThat(paused.nextRunAt()).as("no next run while paused").isNull();
        assertThatThrownBy(() -> api().pauseSchedule(schedule.id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));

        tickAt(Duration.ofHours(5));
        assertThat(api().scheduleRuns(schedule.id(), 50, 0).total()).as("paused: no runs").isEqualTo(1);

        clock.set(T0.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(10)));
        Schedule resumed = api().resumeSchedule(schedule.id());
        assertThat(resumed.state()).isEqualTo(Schedule.State.ACTIVE);
        assertThat(resumed.nextRunAt()).as("the firings missed while paused are skipped")
                .isEqualTo(T0.plus(Duration.ofHours(6)).plus(Duration.ofMinutes(10)));
        assertThatThrownBy(() -> api().resumeSchedule(schedule.id()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("is active, not paused");
                });

        tickAt(Duration.ofHours(7));
        TaskPage runs = api().scheduleRuns(schedule.id(), 50, 0);
        assertThat(runs.total()).isEqualTo(2);
        assertThat(runs.tasks()).extracting(Task::scheduleId).containsOnly(schedule.id());
        assertThat(runs.tasks().getFirst().id()).as("newest first").isGreaterThan(runs.tasks().getLast().id());
        assertThat(api().scheduleRuns(schedule.id(), 1, 1).tasks()).extracting(Task::id)
                .containsExactly(runs.tasks().getLast().id());

        api().pauseSchedule(schedule.id());
        assertThat(api().cancelSchedule(schedule.id()).state()).as("a paused schedule can be cancelled")
                .isEqualTo(Schedule.State.CANCELLED);
        assertThatThrownBy(() -> api().resumeSchedule(schedule.id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void unknownSchedulesAndBadPagesAreRefused() {
        Http http = new Http(hub.url());
        assertThat(http.post("/schedules/42/pause", "").status()).isEqualTo(404);
        assertThat(http.post("/schedules/42/resume", "").status()).isEqualTo(404);
        assertThat(http.get("/schedules/42/runs").status()).isEqualTo(404);
        Schedule schedule = api().createSchedule(NewTask.of("poll", "p").withBackend(Backend.SHELL).withEvery("1h"));
        Http.Reply badLimit = http.get("/schedules/" + schedule.id() + "/runs?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.error()).contains("limit must be between 1 and");
    }
}
