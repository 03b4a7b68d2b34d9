package dev.dobby.app.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.fx.Background;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.UsageWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsViewModelTest {
    @TempDir
    Path home;

    @Test
    void totalsPerStatusAndUnknownUsageWhenNothingWasReported() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            hub.awaitEnd(hub.shell("p", "true").id(), Duration.ofSeconds(20));
            StatsViewModel model = new StatsViewModel(hub.api(), Background.direct());
            model.refresh();
            assertThat(model.count(TaskStatus.COMPLETED)).isEqualTo(1);
            assertThat(model.byStatus()).hasSize(TaskStatus.values().length);
            assertThat(model.totalsProperty().get()).startsWith("1 tasks");
            assertThat(model.usage()).isEmpty();
            assertThat(model.usageNoteProperty().get()).contains("unknown");
        }
    }

    @Test
    void usageBarsShowTheShareUsedOrUnknown() {
        Instant now = Instant.parse("2026-11-24T14:43:00Z");
        Instant resets = Instant.parse("2026-11-24T18:00:00Z");
        assertThat(StatsViewModel.bar(new UsageWindow("local/claude", Backend.CLAUDE, "seven_day", 0.815, "allowed",
                resets, now), now)).isEqualTo(new StatsViewModel.UsageBar("local/claude · 7-day window", 0.815,
                "82% · resets in 3h 17m"));
        assertThat(StatsViewModel.bar(new UsageWindow("local/codex", Backend.CODEX, "five_hour", null,
                "allowed_warning", null, now), now)).isEqualTo(new StatsViewModel.UsageBar("local/codex · 5-hour window",
                null, "unknown (allowed_warning)"));
    }

    @Test
    void anAccountWithAnApiKeySaysItHasNoQuotaData() {
        Instant now = Instant.parse("2026-11-24T14:43:00Z");
        UsageWindow keyLogin = new UsageWindow("gpu-1/claude", Backend.CLAUDE, UsageWindow.LOGIN, null,
                UsageWindow.API_KEY, null, now);
        UsageWindow subscription = new UsageWindow("local/claude", Backend.CLAUDE, UsageWindow.LOGIN, null,
                UsageWindow.SUBSCRIPTION, null, now);
        UsageWindow window = new UsageWindow("local/claude", Backend.CLAUDE, "five_hour", 0.3, "allowed", now, now);
        assertThat(StatsViewModel.usageNote(java.util.List.of(keyLogin, subscription, window)))
                .isEqualTo("gpu-1/claude: no quota data (API key)");
        assertThat(StatsViewModel.usageNote(java.util.List.of(subscription, window))).isEmpty();
        assertThat(StatsViewModel.usageNote(java.util.List.of())).startsWith("Usage: unknown");
    }
}
