package dev.dobby.app.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.fx.Background;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatmapViewModelTest {
    @TempDir
    Path home;

    @Test
    void aYearOfDaysWithTodaysCountsPerProjectAndTheTasksOfADay() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("web");
            hub.project("api");
            Task ok = hub.shell("web", "true");
            Task bad = hub.shell("api", "exit 3");
            hub.awaitEnd(ok.id(), Duration.ofSeconds(20));
            hub.awaitEnd(bad.id(), Duration.ofSeconds(20));

            HeatmapViewModel model = new HeatmapViewModel(hub.api(), Background.direct());
            model.refresh();
            LocalDate today = LocalDate.now(ZoneId.of(hub.api().activity(1).timeZone()));
            assertThat(model.cells().size()).isBetween(365, 366);
            assertThat(model.cells().getLast().day()).isEqualTo(today);
            assertThat(model.cells().getLast()).isEqualTo(new HeatmapViewModel.Cell(today, 1, 1));
            assertThat(model.busiestProperty().get()).isEqualTo(2);
            assertThat(model.projects()).containsExactly("api", "web");
            assertThat(model.summaryProperty().get()).startsWith("1 completed, 1 failed");

            model.projectProperty().set("web");
            assertThat(model.cells().getLast()).isEqualTo(new HeatmapViewModel.Cell(today, 1, 0));
            model.selectDay(today);
            assertThat(model.dayTasks()).extracting(Task::id).containsExactly(ok.id());
            model.projectProperty().set(null);
            model.selectDay(today);
            assertThat(model.dayTasks()).extracting(Task::id).containsExactlyInAnyOrder(ok.id(), bad.id());
            model.selectDay(today.minusDays(3));
            assertThat(model.dayTasks()).isEmpty();
        }
    }

    @Test
    void shadesAreQuantilesOfTheActiveDaysSoOneBusyDayDoesNotPaleTheYear() {
        int[] active = {1, 1, 2, 2, 3, 3, 100};
        assertThat(HeatmapViewModel.level(0, active)).isZero();
        assertThat(HeatmapViewModel.level(1, active)).isEqualTo(1);
        assertThat(HeatmapViewModel.level(2, active)).isEqualTo(2);
        assertThat(HeatmapViewModel.level(3, active)).isEqualTo(3);
        assertThat(HeatmapViewModel.level(100, active)).isEqualTo(4);
        // A single active day is the darkest there is.
        assertThat(HeatmapViewModel.level(5, new int[] {5})).isEqualTo(4);
    }
}
