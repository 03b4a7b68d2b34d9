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
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules through the API, with a clock the test steps: no test waits for a real cron tick. */
class ScheduleTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path home;
    final SteppedClock clock = SteppedClock.frozen(T0);
    TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private TestHub startHub() {
        return TestHub.start(home, c -> c.withMaxConcurrentAgents(0), b -> b.clock(clock).automaticTicks(false));
    }

    private void restart() {
        hub.close();
        hub = startHub();
    }

    private HubApi api() {
        return hub.client();
    }

    private NewTask nightly() {
        return NewTask.of("check the build", "p").withBackend(Backend.SHELL);
    }

    private List<Task> runs(long scheduleId) {
        return hub.api().listTasks(TaskQuery.all().withPage(TaskQuery.MAX_LIMIT, 0)).tasks().stream()
                .filter(t -> t.scheduleId() != null && t.scheduleId() == scheduleId)
                .sorted(Comparator.comparing(Task::scheduledFor))
                .toList();
    }

    private void tickAt(Duration sinceT0) {
        clock.set(T0.plus(sinceT0));
        hub.hub().tick();
    }

    @Test
    void anIntervalQueuesOneRunPerIntervalUntilCancelled() {
        hub = startHub();
        hub.project("p");
        Schedule schedule = api().createSchedule(nightly().withEvery("30m").withPriority(Priority.HIGH));
        assertThat(schedule.every()).isEqualTo("30m");
        assertThat(schedule.cron()).isNull();
        assertThat(schedule.state()).isEqualTo(Schedule.State.ACTIVE);
        assertThat(schedule.timeZone()).isEqualTo(ZoneId.systemDefault().getId());
        assertThat(schedule.nextRunAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(schedule.task().description()).isEqualTo("check the build");
        assertThat(hub.api().listTasks(TaskQuery.all()).total()).as("creating a schedule queues nothing yet").isZero();

        tickAt(Duration.ofMinutes(29));
        assertThat(runs(schedule.id())).isEmpty();
        tickAt(Duration.ofMinutes(30));
        tickAt(Duration.ofMinutes(31));
        List<Task> first = runs(schedule.id());
        assertThat(first).hasSize(1);
        Task run = first.getFirst();
        assertThat(run.scheduledFor()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(run.catchUp()).isFalse();
        assertThat(run.description()).isEqualTo("check the build");
        assertThat(run.priority()).isEqualTo(Priority.HIGH);
        assertThat(run.backend()).isEqualTo(Backend.SHELL);

        tickAt(Duration.ofMinutes(60));
        Schedule after = api().schedule(schedule.id());
        assertThat(after.runs()).isEqualTo(2);
        assertThat(after.lastRunAt()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
        assertThat(after.lastTaskId()).isEqualTo(runs(schedule.id()).getLast().id());
        assertThat(after.nextRunAt()).isEqualTo(T0.plus(Duration.ofMinutes(90)));

        Schedule cancelled = api().cancelSchedule(schedule.id());
        assertThat(cancelled.state()).isEqualTo(Schedule.State.CANCELLED);
        assertThat(cancelled.nextRunAt()).isNull();
        assertThat(cancelled.cancelledAt()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
        tickAt(Duration.ofMinutes(95));
        tickAt(Duration.ofHours(5));
        assertThat(runs(schedule.id())).as("a cancelled schedule queues nothing more").hasSize(2);
        assertThatThrownBy(() -> api().cancelSchedule(schedule.id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(api().schedules(null)).extracting(Schedule::id).containsExactly(schedule.id());
        assertThat(api().schedules("other")).isEmpty();
    }

    @Test
    void cronFiresAtMatchingTimesInTheHubsTimeZone() {
        hub = startHub();
        hub.project("p");
        ZoneId zone = ZoneId.systemDefault();
        ZonedDateTime local = T0.atZone(zone);
        Schedule quarter = api().createSchedule(nightly().withCron("*/15 * * * *"));
        Schedule daily = api().createSchedule(nightly().withCron("@daily"));
        Schedule weekdays = api().createSchedule(nightly().withCron("30 9 * * 1-5"));

        assertThat(quarter.cron()).isEqualTo("*/15 * * * *");
        assertThat(quarter.nextRunAt()).isEqualTo(local.truncatedTo(ChronoUnit.HOURS)
                .plusMinutes((local.getMinute() / 15 + 1) * 15L).toInstant());
        assertThat(daily.cron()).as("the nickname is shown as given").isEqualTo("@daily");
        assertThat(daily.nextRunAt()).isEqualTo(local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant());
        ZonedDateTime nextWeekday = local.withHour(9).withMinute(30).withSecond(0).withNano(0);
        while (!nextWeekday.isAfter(local) || nextWeekday.getDayOfWeek().getValue() > 5) {
            nextWeekday = nextWeekday.plusDays(1);
        }
        assertThat(weekdays.nextRunAt()).isEqualTo(nextWeekday.toInstant());

        clock.set(quarter.nextRunAt());
        hub.hub().tick();
        clock.set(quarter.nextRunAt().plus(Duration.ofMinutes(14)));
        hub.hub().tick();
        assertThat(runs(quarter.id())).extracting(Task::scheduledFor).containsExactly(quarter.nextRunAt());
        assertThat(runs(daily.id())).isEmpty();
    }

    @Test
    void badSchedulesAreRefusedWithAClearMessageAndNothingIsCreated() {
        hub = startHub();
        hub.project("p");
        Http http = new Http(hub.url());
        assertRefused(http, "{\"description\":\"x\",\"project\":\"p\",\"cron\":\"61 * * * *\"}",
                "cron '61 * * * *' is not a valid Unix cron expression");
        assertRefused(http, "{\"description\":\"x\",\"project\":\"p\",\"cron\":\"* * * *\"}",
                "cron '* * * *' must have five fields: minute hour day-of-month month day-of-week");
        assertRefused(http, "{\"description\":\"x\",\"project\":\"p\",\"cron\":\"@reboot\"}",
                "cron '@reboot': unknown nickname");
        assertRefused(http, "{\"description\":\"x\",\"project\":\"p\",\"cron\":\"0 0 30 2 *\"}",
                "cron '0 0 30 2 *' never fires");
        assertRefused(http, "{\"description\":\"x\",\"project\":\"p\",\"cron\":\"@daily\",\"every\":\"1h\"}",
                "give cron or every, not both");
        assertRefused(http, "{\"description\":\"x\",\"project\":\"p\",\"every\":\"10s\"}",
                "every must be between 1m and 366d, not '10s'");
        assertRefused(http, "{\"description\":\"x\",\"project\":\"p\",\"every\":\"soon\"}",
                "'soon' is not a duration");
        assertRefused(http, "{\"description\":\"x\",\"project\":\"nowhere\",\"every\":\"1h\"}",
                "project 'nowhere' is not registered");
        assertThat(api().schedules(null)).isEmpty();
        assertThat(hub.api().listTasks(TaskQuery.all()).total()).isZero();

        assertThatThrownBy(() -> hub.api().createTask(nightly().withEvery("1h")))
                .hasMessageContaining("create it with createSchedule");
        assertThat(http.get("/schedules/99").status()).isEqualTo(404);
    }

    private static void assertRefused(Http http, String body, String message) {
        Http.Reply reply = http.post("/tasks", body);
        assertThat(reply.status()).as(reply.body()).isIn(400, 404);
        assertThat(reply.error()).contains(message);
    }

    @Test
    void aCreatedScheduleAnswersPostTasksWithTheSchedule() {
        hub = startHub();
        hub.project("p");
        Http.Reply reply = new Http(hub.url()).post("/tasks",
                "{\"description\":\"nightly\",\"project\":\"p\",\"backend\":\"shell\",\"cron\":\"0 3 * * *\"}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("cron").asText()).isEqualTo("0 3 * * *");
        assertThat(reply.json().path("time_zone").asText()).isEqualTo(ZoneId.systemDefault().getId());
        assertThat(reply.json().path("state").asText()).isEqualTo("active");
        assertThat(reply.json().path("next_run_at").asText()).isNotEmpty();
    }

    @Test
    void eachRunTakesTheProjectsPolicyAsItStandsAtTheFiring() {
        hub = startHub();
        hub.project("p");
        Schedule schedule = api().createSchedule(NewTask.of("report", "p").withEvery("1h"));
        api().updateProject("p", new dev.dobby.protocol.ProjectPolicy(Backend.SHELL, 90, null, Priority.LOW, null));
        tickAt(Duration.ofHours(1));
        Task run = runs(schedule.id()).getFirst();
        assertThat(run.backend()).isEqualTo(Backend.SHELL);
        assertThat(run.priority()).isEqualTo(Priority.LOW);
        assertThat(run.timeout()).isEqualTo(90);
    }

    @Test
    void aHubThatWasDownAcrossFiringsRunsOneCatchUpRunMarkedAsSuch() {
        hub = startHub();
        hub.project("p");
        Schedule schedule = api().createSchedule(nightly().withEvery("10m"));
        tickAt(Duration.ofMinutes(10));
        hub.close();
        clock.set(T0.plus(Duration.ofMinutes(55)));
        hub = startHub();
        hub.hub().tick();
        hub.hub().tick();

        List<Task> runs = runs(schedule.id());
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).catchUp()).isFalse();
        Task caughtUp = runs.get(1);
        assertThat(caughtUp.catchUp()).isTrue();
        assertThat(caughtUp.scheduledFor()).as("the latest firing missed, once")
                .isEqualTo(T0.plus(Duration.ofMinutes(50)));
        assertThat(api().getTask(caughtUp.id()).catchUp()).as("the record says so over HTTP too").isTrue();

        tickAt(Duration.ofMinutes(60));
        assertThat(runs(schedule.id())).hasSize(3);
        assertThat(runs(schedule.id()).getLast().catchUp()).isFalse();
    }

    /**
     * A schedule every 10 minutes; the clock moves in random steps and the hub is stopped and started again at
     * random (stopped for random lengths), until at least 100 firings ran. Every firing the hub saw while up runs
     * exactly once, on time; each downtime that swallowed firings gives exactly one catch-up run, for the latest
     * of them; no firing runs twice.
     */
    @Test
    void aHundredFiringsWithRandomRestartsRunEachWindowExactlyOnce() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Duration interval = Duration.ofMinutes(10);
        hub = startHub();
        hub.project("p");
        long id = api().createSchedule(nightly().withEvery("10m")).id();

        Set<Instant> onTime = new TreeSet<>();
        List<Instant> catchUps = new ArrayList<>();
        Instant upSince = T0;
        Instant lastTick = T0;
        int restarts = 0;
        while (onTime.size() + catchUps.size() < 100) {
            if (random.nextInt(8) == 0) {
                hub.close();
                clock.step(Duration.ofSeconds(random.nextInt(3) == 0 ? 0 : 60 + random.nextInt(3 * 3600)));
                avoidWindowEdge(clock, interval);
                hub = startHub();
                restarts++;
                upSince = clock.instant();
                List<Instant> missed = windowsIn(lastTick, upSince, interval);
                if (!missed.isEmpty()) {
                    catchUps.add(missed.getLast());
                }
            } else {
                clock.step(Duration.ofSeconds(30 + random.nextInt(540)));
                avoidWindowEdge(clock, interval);
                onTime.addAll(windowsIn(lastTick, clock.instant(), interval));
            }
            hub.hub().tick();
            if (random.nextInt(4) == 0) {
                hub.hub().tick();
            }
            lastTick = clock.instant();
        }

        List<Task> runs = runs(id);
        String context = "seed " + seed + ", " + restarts + " restarts";
        assertThat(runs).extracting(Task::scheduledFor).as(context).doesNotHaveDuplicates();
        assertThat(runs.stream().filter(t -> !t.catchUp()).map(Task::scheduledFor).toList()).as(context)
                .containsExactlyElementsOf(onTime);
        assertThat(runs.stream().filter(Task::catchUp).map(Task::scheduledFor).toList()).as(context)
                .containsExactlyElementsOf(catchUps);
        assertThat(api().schedule(id).runs()).isEqualTo(runs.size());
        assertThat(restarts).as(context).isPositive();
        assertThat(new HashSet<>(runs.stream().map(t -> Duration.between(T0, t.scheduledFor()).toMillis()
                % interval.toMillis()).toList())).as("every run belongs to a firing time").containsExactly(0L);
    }

    /** Firing times in (after, until]. */
    private static List<Instant> windowsIn(Instant after, Instant until, Duration interval) {
        List<Instant> out = new ArrayList<>();
        for (Instant w = T0.plus(interval); !w.isAfter(until); w = w.plus(interval)) {
            if (w.isAfter(after)) {
                out.add(w);
            }
        }
        return out;
    }

    /** Keep ticks and starts off the exact firing instants, where "before" and "after" would be a matter of taste. */
    private static void avoidWindowEdge(SteppedClock clock, Duration interval) {
        if (Duration.between(T0, clock.instant()).toMillis() % interval.toMillis() == 0) {
            clock.step(Duration.ofSeconds(1));
        }
    }
}
