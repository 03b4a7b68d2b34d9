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

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    @Test
    void wellKnownTokenShapesAreMaskedWithoutBeingConfigured() {
        Redactor redactor = Redactor.none();
        List<String> tokens = List.of(
                "sk-ant-api03-AbCdEf0123456789_-xyzXYZ0123456789",
                "sk-proj-AbCdEf0123456789AbCdEf0123456789",
                "sk-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd",
                "ghp_0123456789abcdefghijABCDEFGHIJ012345",
                "gho_0123456789abcdefghijABCDEFGHIJ012345",
                "ghs_0123456789abcdefghijABCDEFGHIJ012345",
                "ghu_0123456789abcdefghijABCDEFGHIJ012345",
                "ghr_0123456789abcdefghijABCDEFGHIJ012345",
                "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789",
                "AKIAIOSFODNN7EXAMPLE",
                "ASIAIOSFODNN7EXAMPLE",
                "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
                "xoxp-1234567890-0987654321-AbCdEfGhIjKlMnOp",
                "xapp-1-A0123456789-0123456789-abcdef0123456789",
                JWT);
        for (String token : tokens) {
            assertThat(redactor.redact("found " + token + ", done")).as(token).isEqualTo("found [redacted], done");
            assertThat(redactor.redact("\"key\":\"" + token + "\"")).as(token).isEqualTo("\"key\":\"[redacted]\"");
        }
    }

    @Test
    void wordsThatOnlyLookALittleLikeKeysAreLeftAlone() {
        Redactor redactor = Redactor.none();
        List<String> ordinary = List.of(
                "task-0123456789abcdefghijklmnopqrstuvwxyz0123",
                "sk-learn-compatible-estimators-for-everyone",
                "disk-usage-report-0123456789abcdefghij",
                "the AKIA prefix marks AWS keys",
                "AKIAIOSFODNN7EXAMPLEANDMORE",
                "ghp_short",
                "eyJhbGciOiJIUzI1NiJ9 alone",
                "-----BEGIN PUBLIC KEY-----",
                "xoxb-",
                "risk-0123456789012345678901234567890123");
        for (String text : ordinary) {
            assertThat(redactor.redact(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void aPrivateKeyIsMaskedFromItsBeginToItsEndAcrossLines() {
        Redactor.Lines lines = Redactor.none().lines();
        List<String> input = List.of("here it is:", "-----BEGIN OPENSSH PRIVATE KEY-----",
                "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
                "QyNTUxOQAAACDx", "-----END OPENSSH PRIVATE KEY----- and after", "plain again");
        assertThat(input.stream().map(lines::redact).toList()).containsExactly("here it is:", "[redacted]",
                "[redacted]", "[redacted]", "[redacted] and after", "plain again");

        String inOneLine = "{\"content\":\"-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA\\n"
                + "-----END RSA PRIVATE KEY-----\\n\",\"ok\":1}";
        assertThat(Redactor.none().lines().redact(inOneLine)).isEqualTo("{\"content\":\"[redacted]\\n\",\"ok\":1}");
    }

    @Test
    void eachStreamKeepsItsOwnKeyBlockState() {
        Redactor redactor = Redactor.none();
        Redactor.Lines stdout = redactor.lines();
        Redactor.Lines stderr = redactor.lines();
        stdout.redact("-----BEGIN EC PRIVATE KEY-----");
        assertThat(stderr.redact("warning: something")).isEqualTo("warning: something");
        assertThat(stdout.redact("MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49")).isEqualTo("[redacted]");
    }

    @Test
    void anUnclosedBlockStopsMaskingAfterAWhile() {
        Redactor.Lines lines = Redactor.none().lines();
        lines.redact("-----BEGIN PRIVATE KEY-----");
        for (int i = 0; i < Redactor.Lines.MAX_BLOCK_LINES; i++) {
            assertThat(lines.redact("line " + i)).isEqualTo("[redacted]");
        }
        assertThat(lines.redact("visible")).isEqualTo("visible");
    }
}
