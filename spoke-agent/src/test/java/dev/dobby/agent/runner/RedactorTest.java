package dev.dobby.agent.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void masksSecretVariablesAndNamedSecrets() {
        Redactor redactor = Redactor.fromEnvironment(Map.of(
                "GITHUB_TOKEN", "ghp_abcdef123456",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG",
                "DB_PASSWORD", "hunter2hunter2",
                "ANTHROPIC_API_KEY", "sk-ant-0123456789",
                "SLACK_SECRET", "s3cr3t-value",
                "HOME", "/home/dev",
                "SHORT_TOKEN", "abc"), List.of("hub-key-987654321"));
        String line = "push with ghp_abcdef123456 to /home/dev as sk-ant-0123456789 pw=hunter2hunter2 "
                + "key=wJalrXUtnFEMI/K7MDENG hub=hub-key-987654321 slack=s3cr3t-value abc";
        assertThat(redactor.redact(line)).isEqualTo("push with [redacted] to /home/dev as [redacted] pw=[redacted] "
                + "key=[redacted] hub=[redacted] slack=[redacted] abc");
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        Redactor redactor = Redactor.fromEnvironment(Map.of("A_TOKEN", "abcdef", "B_TOKEN", "abcdefghijkl"), List.of());
        assertThat(redactor.redact("x abcdefghijkl y abcdef")).isEqualTo("x [redacted] y [redacted]");
    }

    @Test
    void nothingToMaskLeavesTextAlone() {
        assertThat(Redactor.none().redact("plain")).isEqualTo("plain");
        assertThat(Redactor.isSecretName("my_api_key")).isTrue();
        assertThat(Redactor.isSecretName("KEYBOARD")).isFalse();
    }
}
