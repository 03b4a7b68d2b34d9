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
    void slacksAddressThePreviewsAgeAndTheAssistantComeFromTheEnvironment() {
        Map<String, String> tokens = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1");
        SlackSettings defaults = SlackSettings.from(tokens);
        assertThat(defaults.apiUrl()).isNull();
        assertThat(defaults.previewMaxAge()).isEqualTo(java.time.Duration.ofDays(7));

        var env = new java.util.HashMap<>(tokens);
        env.put("SLACK_API_URL", "http://127.0.0.1:9999/api");
        env.put("DOBBY_SLACK_PREVIEW_MAX_AGE", "12h");
        env.put("DOBBY_ASSISTANT", "api");
        env.put("ANTHROPIC_API_KEY", "sk-ant-secret");
        SlackSettings set = SlackSettings.from(env);
        assertThat(set.apiUrl()).isEqualTo("http://127.0.0.1:9999/api/");
        assertThat(set.previewMaxAge()).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(set.assistant().order()).containsExactly("api");
        assertThat(set.toString()).doesNotContain("sk-ant-secret");

        env.put("DOBBY_SLACK_PREVIEW_MAX_AGE", "tomorrow");
        assertThatThrownBy(() -> SlackSettings.from(env)).hasMessageContaining("DOBBY_SLACK_PREVIEW_MAX_AGE");
        env.put("DOBBY_SLACK_PREVIEW_MAX_AGE", "1d");
        env.put("SLACK_API_URL", "slack.example");
        assertThatThrownBy(() -> SlackSettings.from(env)).hasMessageContaining("SLACK_API_URL");
    }

    @Test
    void tokensAreRedacted() {
        assertThat(Redact.tokens("failed with xoxb-123-456-abc and xapp-1-A1-xyz, xoxp-9"))
                .isEqualTo("failed with xoxb-… and xapp-…, xoxp-…");
    }
}
