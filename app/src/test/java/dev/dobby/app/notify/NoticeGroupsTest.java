package dev.dobby.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NoticeGroupsTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    private static Notice done(long id, String project, int minute) {
        return new Notice(Notice.Kind.TASK_COMPLETED, "Task #" + id + " completed", project + ": ok", id,
                T0.plusSeconds(60L * minute), project);
    }

    @Test
    void tasksEndingOneAfterAnotherAreCountedInOneNotice() {
        NoticeGroups groups = new NoticeGroups();
        assertThat(groups.add(done(1, "web", 0)).orElseThrow().title()).isEqualTo("Task #1 completed");
        assertThat(groups.add(done(2, "web", 1)).orElseThrow().title()).isEqualTo("2 tasks completed in web");
        Notice third = groups.add(done(3, "web", 2)).orElseThrow();
        assertThat(third.title()).isEqualTo("3 tasks completed in web");
        assertThat(third.text()).isEqualTo("latest #3 — web: ok");
        // Another project, or a long pause, starts again.
        assertThat(groups.add(done(4, "api", 3)).orElseThrow().title()).isEqualTo("Task #4 completed");
        assertThat(groups.add(done(5, "api", 30)).orElseThrow().title()).isEqualTo("Task #5 completed");
    }

    @Test
    void aMutedProjectsEndingsAreNotShownButALostWorkerIs() {
        NoticeGroups groups = new NoticeGroups();
        groups.mute("web");
        assertThat(groups.add(done(1, "web", 0))).isEmpty();
        Notice lost = new Notice(Notice.Kind.SPOKE_LOST, "Worker gpu-1 lost", "", null, T0);
        assertThat(groups.add(lost)).contains(lost);
        groups.unmute("web");
        assertThat(groups.add(done(2, "web", 1))).isPresent();
    }
}
