package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusDigestTest {
    private final StatusDigest digest = new StatusDigest(new Links("https://dobby.example/"));

    @Test
    void rangesReadAsTheyWereAskedFor() {
        assertThat(StatusDigest.span(Duration.ofMinutes(30))).isEqualTo("30m");
        assertThat(StatusDigest.span(Duration.ofHours(4))).isEqualTo("4h");
        assertThat(StatusDigest.span(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(StatusDigest.span(Duration.ofDays(3))).isEqualTo("3d");
        assertThat(StatusDigest.span(Duration.ofMinutes(90))).isEqualTo("1h30m");
    }

    @Test
    void linksGoToTheDashboardsTaskPage() {
        assertThat(new Links("https://dobby.example/").task(7)).isEqualTo("<https://dobby.example/dashboard#/tasks/7|#7>");
    }

    @Test
    void aDescriptionCannotPingTheChannelOrForgeALink() {
        Preview preview = new Preview("C1", "1.1", "1.0", "U1", List.of(new TaskRequest(
                "say <!channel> and <https://evil.example|docs> & more", "spare", Priority.HIGH, Backend.SHELL)));
        String text = digest.preview(preview, List.of("spare"));
        assertThat(text).contains("&lt;!channel&gt;", "&lt;https://evil.example|docs&gt; &amp; more", "`spare`", "high",
                "shell").doesNotContain("<!channel>");
    }

    @Test
    void aPreviewWithoutProjectListsTheKnownOnes() {
        Preview preview = new Preview("C1", "1.1", "1.0", "U1", List.of(new TaskRequest("fix it", null, null, null)));
        assertThat(digest.preview(preview, List.of("spare", "dobby")))
                .contains("Which project?", "spare, dobby", "project default");
    }
}
