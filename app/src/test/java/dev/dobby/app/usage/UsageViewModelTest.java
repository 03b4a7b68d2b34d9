package dev.dobby.app.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.UsageWindow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-24T14:43:00Z");

    @Test
    void windowsAreNamedInWordsInAFixedOrderWithTheirReset() {
        List<UsageViewModel.Account> accounts = UsageViewModel.accounts(List.of(
                new UsageWindow("local/claude", Backend.CLAUDE, "seven_day", 0.815, "allowed",
                        Instant.parse("2026-11-27T10:00:00Z"), NOW.minusSeconds(120)),
                new UsageWindow("local/claude", Backend.CLAUDE, "five_hour", 0.3, "allowed",
                        Instant.parse("2026-11-24T18:00:00Z"), NOW.minusSeconds(120)),
                new UsageWindow("local/claude", Backend.CLAUDE, UsageWindow.LOGIN, null, UsageWindow.SUBSCRIPTION,
                        null, NOW)), NOW, ZoneOffset.UTC);
        assertThat(accounts).hasSize(1);
        UsageViewModel.Account account = accounts.getFirst();
        assertThat(account.heading()).isEqualTo("local/claude · subscription");
        assertThat(account.exhausted()).isNull();
        assertThat(account.windows()).containsExactly(
                new UsageViewModel.Window("five_hour", "5-hour window", 0.3, "30% used",
                        "resets in 3h 17m · reported 2 min ago"),
                new UsageViewModel.Window("seven_day", "7-day window", 0.815, "82% used",
                        "resets in 2d 19h · reported 2 min ago"));
    }

    @Test
    void anApiKeyAccountHasNoQuotaDataAndARejectedWindowSaysUntilWhen() {
        List<UsageViewModel.Account> accounts = UsageViewModel.accounts(List.of(
                new UsageWindow("gpu-1/claude", Backend.CLAUDE, UsageWindow.LOGIN, null, UsageWindow.API_KEY, null,
                        NOW),
                new UsageWindow("local/codex", Backend.CODEX, "primary", null, "rejected",
                        Instant.parse("2026-11-24T15:30:00Z"), NOW)), NOW, ZoneOffset.UTC);
        assertThat(accounts).extracting(UsageViewModel.Account::heading)
                .containsExactly("gpu-1/claude · API key", "local/codex");
        assertThat(accounts.get(0).none()).isEqualTo("No quota data (API key): usage is billed per token.");
        assertThat(accounts.get(0).windows()).isEmpty();
        assertThat(accounts.get(1).exhausted())
                .isEqualTo("Out of quota: its tasks wait until the limit resets at 15:30 (resets in 47m).");
        assertThat(accounts.get(1).windows()).containsExactly(new UsageViewModel.Window("primary",
                "Primary window", null, "unknown", "rejected · resets in 47m · reported just now"));
    }
}
