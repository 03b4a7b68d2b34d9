package dev.dobby.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Any https URL a Remote Control CLI prints is the session's link, without the punctuation around it. */
class SessionLinkTest {
    @Test
    void findsTheFirstHttpsUrlInALine() {
        assertThat(Session.linkIn("Open https://claude.ai/code/session_01Abc in a browser"))
                .contains("https://claude.ai/code/session_01Abc");
        assertThat(Session.linkIn("Session ready (https://claude.ai/code/session_01Abc?x=1).")).contains(
                "https://claude.ai/code/session_01Abc?x=1");
        assertThat(Session.linkIn("Continue at https://claude.ai/code/s_2, or scan the QR code."))
                .contains("https://claude.ai/code/s_2");
        assertThat(Session.linkIn("docs: http://example.com/plain")).isEmpty();
        assertThat(Session.linkIn("Remote Control is connecting…")).isEmpty();
        assertThat(Session.linkIn(null)).isEmpty();
    }
}
