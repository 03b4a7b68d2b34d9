package dev.dobby.app.projects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.ProjectPolicy;
import org.junit.jupiter.api.Test;

class PolicyFormTest {
    private static final ProjectPolicy BEFORE = new ProjectPolicy(Backend.SHELL, 600, 2, Priority.HIGH, true, 3, 30,
            "https://hooks.example.test/a", 5.0, 50.0, true, Backend.CODEX, true, true);

    @Test
    void showsAPolicyAndMakesItBackUnchanged() {
        PolicyForm form = new PolicyForm();
        form.load(BEFORE);
        assertThat(form.timeoutMinutesProperty().get()).isEqualTo("10");
        assertThat(form.concurrencyProperty().get()).isEqualTo(2);
        assertThat(form.problem()).isEmpty();
        assertThat(form.toPolicy(BEFORE)).isEqualTo(BEFORE);
    }

    @Test
    void blankFieldsMeanTheHubsDefaultsAndWhatThePaneHidesIsKept() {
        PolicyForm form = new PolicyForm();
        form.load(BEFORE);
        form.timeoutMinutesProperty().set(" ");
        form.maxAttemptsProperty().set("");
        form.retryBackoffProperty().set("");
        form.webhookProperty().set("  ");
        form.backendProperty().set(null);
        ProjectPolicy after = form.toPolicy(BEFORE);
        assertThat(after.defaultTimeout()).isNull();
        assertThat(after.maxAttempts()).isNull();
        assertThat(after.retryBackoff()).isNull();
        assertThat(after.webhookUrl()).isNull();
        assertThat(after.defaultBackend()).isNull();
        assertThat(after.dailyBudgetUsd()).isEqualTo(5.0);
        assertThat(after.fallbackBackend()).isEqualTo(Backend.CODEX);
        assertThat(after.gpuSharing()).isTrue();
    }

    @Test
    void saysWhichFieldIsWrong() {
        PolicyForm form = new PolicyForm();
        form.timeoutMinutesProperty().set("1.5");
        assertThat(form.problem()).contains("The timeout is a whole number of minutes.");
        form.timeoutMinutesProperty().set("90");
        form.maxAttemptsProperty().set("0");
        assertThat(form.problem()).contains("Attempts at most is a whole number from 1.");
        form.maxAttemptsProperty().set("2");
        form.retryBackoffProperty().set("-1");
        assertThat(form.problem()).contains("Retry after is a whole number from 0.");
        form.retryBackoffProperty().set("0");
        assertThat(form.problem()).isEmpty();
    }
}
