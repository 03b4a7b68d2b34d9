package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {
    @Test
    void bothTokensAreRequiredAndChecked() {
        assertThatThrownBy(() -> SlackSettings.from(Map.of())).hasMessageStartingWith(
                "SLACK_BOT_TOKEN and SLACK_APP_TOKEN not set").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> SlackSettings.from(Map.of("SLACK_BOT_TOKEN", "xoxb-1")))
                .hasMessageStartingWith("SLACK_APP_TOKEN not set");
        assertThatThrownBy(() -> SlackSettings.from(Map.of("SLACK_BOT_TOKEN", "xapp-1", "SLACK_APP_TOKEN", "xapp-2")))
                .hasMessageContaining("xoxb-").hasMessageNotContaining("xapp-1");
        SlackSettings ok = SlackSettings.from(Map.of("SLACK_BOT_TOKEN", "xoxb-secret", "SLACK_APP_TOKEN", "xapp-secret",
                "DOBBY_HUB_URL", "https://dobby.example"));
        assertThat(ok.dashboardUrl()).isEqualTo("https://dobby.example");
        assertThat(ok.toString()).doesNotContain("secret");
    }

    @Test
    void tokensAreRedacted() {
        assertThat(Redact.tokens("failed with xoxb-123-456-abc and xapp-1-A1-xyz, xoxp-9"))
                .isEqualTo("failed with xoxb-… and xapp-…, xoxp-…");
    }
}
