package dev.dobby.app.projects;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.ProjectPolicy;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The policy pane's fields and the policy they make. Left empty, a field means the hub's default. What the pane
 * does not edit (budgets, fallback backend, resume on timeout, GPU sharing) keeps the value it had.
 */
public final class PolicyForm {
    private final ObjectProperty<Backend> backend = new SimpleObjectProperty<>();
    private final ObjectProperty<Priority> priority = new SimpleObjectProperty<>();
    private final StringProperty timeoutMinutes = new SimpleStringProperty("");
    private final ObjectProperty<Integer> concurrency = new SimpleObjectProperty<>(1);
    private final BooleanProperty autoChain = new SimpleBooleanProperty();
    private final StringProperty maxAttempts = new SimpleStringProperty("");
    private final StringProperty retryBackoff = new SimpleStringProperty("");
    private final StringProperty webhook = new SimpleStringProperty("");

    /** Fills the fields from {@code policy}. */
    public void load(ProjectPolicy policy) {
        backend.set(policy.defaultBackend());
        priority.set(policy.defaultPriority());
        timeoutMinutes.set(policy.defaultTimeout() == null ? "" : Integer.toString(policy.defaultTimeout() / 60));
        concurrency.set(policy.effectiveMaxConcurrent());
        autoChain.set(Boolean.TRUE.equals(policy.autoChain()));
        maxAttempts.set(policy.maxAttempts() == null ? "" : Integer.toString(policy.maxAttempts()));
        retryBackoff.set(policy.retryBackoff() == null ? "" : Integer.toString(policy.retryBackoff()));
        webhook.set(policy.webhookUrl() == null ? "" : policy.webhookUrl());
    }

    /** What is wrong with the fields, if anything, in one sentence. */
    public Optional<String> problem() {
        try {
            timeoutSeconds();
            whole(maxAttempts, 1, "Attempts at most");
            whole(retryBackoff, 0, "Retry after");
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The policy the fields make, keeping from {@code before} what the pane does not edit. */
    public ProjectPolicy toPolicy(ProjectPolicy before) {
        String hook = webhook.get() == null || webhook.get().isBlank() ? null : webhook.get().strip();
        return new ProjectPolicy(backend.get(), timeoutSeconds(), concurrency.get(), priority.get(), autoChain.get(),
                whole(maxAttempts, 1, "Attempts at most"), whole(retryBackoff, 0, "Retry after"), hook,
                before.dailyBudgetUsd(), before.monthlyBudgetUsd(), before.budgetStopRunning(),
                before.fallbackBackend(), before.resumeOnTimeout(), before.gpuSharing());
    }

    private Integer timeoutSeconds() {
        String text = timeoutMinutes.get() == null ? "" : timeoutMinutes.get().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            int minutes = Integer.parseInt(text);
            if (minutes >= 1) {
                return minutes * 60;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("The timeout is a whole number of minutes.");
    }

    /** A whole number of at least {@code min}, null when blank. */
    private static Integer whole(StringProperty field, int min, String what) {
        String text = field.get() == null ? "" : field.get().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(what + " is a whole number from " + min + ".");
    }

    public ObjectProperty<Backend> backendProperty() {
        return backend;
    }

    public ObjectProperty<Priority> priorityProperty() {
        return priority;
    }

    public StringProperty timeoutMinutesProperty() {
        return timeoutMinutes;
    }

    public ObjectProperty<Integer> concurrencyProperty() {
        return concurrency;
    }

    public BooleanProperty autoChainProperty() {
        return autoChain;
    }

    public StringProperty maxAttemptsProperty() {
        return maxAttempts;
    }

    public StringProperty retryBackoffProperty() {
        return retryBackoff;
    }

    public StringProperty webhookProperty() {
        return webhook;
    }
}
