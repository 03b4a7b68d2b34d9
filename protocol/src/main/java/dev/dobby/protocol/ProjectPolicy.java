package dev.dobby.protocol;

/**
 * How a project's tasks are run when the submitter does not say. Null fields fall back to the hub's defaults.
 *
 * @param maxConcurrent how many of the project's tasks may run at once (1 when null)
 * @param autoChain     a new task waits for the project's latest pending or running task
 * @param maxAttempts   how many attempts a task gets in all when attempts fail, time out or are lost (null: failed
 *                      and timed-out attempts are not retried, a lost attempt is retried once)
 * @param retryBackoff  seconds before the first automatic retry, doubling for each further one (at most an hour
 *                      unless this is longer); null or 0 retries at once
 * @param webhookUrl    also POST this project's task ends here, besides the hub's webhook_url
 * @param dailyBudgetUsd    US dollars the project's tasks may spend per calendar day (the hub's time zone); once
 *                          reached, its pending tasks wait until the next day
 * @param monthlyBudgetUsd  the same per calendar month
 * @param budgetStopRunning once a budget is reached, also stop the project's running tasks (otherwise they finish)
 * @param fallbackBackend   when an agent stops on its account's usage limit, run the task with this backend
 *                          instead of waiting for the reset (null: wait)
 * @param resumeOnTimeout   a timed-out attempt that the retry policy runs again continues the agent's session
 *                          (on the same worker) instead of starting over
 * @param gpuSharing        the project's GPU tasks may share GPUs with each other and with other sharing projects'
 *                          (off: a GPU given to a task is its own until the attempt ends)
 */
public record ProjectPolicy(
        Backend defaultBackend,
        Integer defaultTimeout,
        Integer maxConcurrent,
        Priority defaultPriority,
        Boolean autoChain,
        Integer maxAttempts,
        Integer retryBackoff,
        String webhookUrl,
        Double dailyBudgetUsd,
        Double monthlyBudgetUsd,
        Boolean budgetStopRunning,
        Backend fallbackBackend,
        Boolean resumeOnTimeout,
        Boolean gpuSharing) {

    public static final ProjectPolicy DEFAULT = new ProjectPolicy(null, null, null, null, null);

    /** A policy without retry or webhook settings. */
    public ProjectPolicy(Backend defaultBackend, Integer defaultTimeout, Integer maxConcurrent, Priority defaultPriority,
                         Boolean autoChain) {
        this(defaultBackend, defaultTimeout, maxConcurrent, defaultPriority, autoChain, null, null, null);
    }

    /** A policy without budgets. */
    public ProjectPolicy(Backend defaultBackend, Integer defaultTimeout, Integer maxConcurrent, Priority defaultPriority,
                         Boolean autoChain, Integer maxAttempts, Integer retryBackoff, String webhookUrl) {
        this(defaultBackend, defaultTimeout, maxConcurrent, defaultPriority, autoChain, maxAttempts, retryBackoff,
                webhookUrl, null, null, null);
    }

    /** A policy without a fallback backend. */
    public ProjectPolicy(Backend defaultBackend, Integer defaultTimeout, Integer maxConcurrent, Priority defaultPriority,
                         Boolean autoChain, Integer maxAttempts, Integer retryBackoff, String webhookUrl,
                         Double dailyBudgetUsd, Double monthlyBudgetUsd, Boolean budgetStopRunning) {
        this(defaultBackend, defaultTimeout, maxConcurrent, defaultPriority, autoChain, maxAttempts, retryBackoff,
                webhookUrl, dailyBudgetUsd, monthlyBudgetUsd, budgetStopRunning, null, null);
    }

    /** A policy without GPU sharing. */
    public ProjectPolicy(Backend defaultBackend, Integer defaultTimeout, Integer maxConcurrent, Priority defaultPriority,
                         Boolean autoChain, Integer maxAttempts, Integer retryBackoff, String webhookUrl,
                         Double dailyBudgetUsd, Double monthlyBudgetUsd, Boolean budgetStopRunning,
                         Backend fallbackBackend, Boolean resumeOnTimeout) {
        this(defaultBackend, defaultTimeout, maxConcurrent, defaultPriority, autoChain, maxAttempts, retryBackoff,
                webhookUrl, dailyBudgetUsd, monthlyBudgetUsd, budgetStopRunning, fallbackBackend, resumeOnTimeout,
                null);
    }

    public boolean sharesGpus() {
        return Boolean.TRUE.equals(gpuSharing);
    }

    public boolean resumesOnTimeout() {
        return Boolean.TRUE.equals(resumeOnTimeout);
    }

    /** A policy that only says which backend takes over a task whose agent ran out of quota. */
    public static ProjectPolicy fallback(Backend backend) {
        return new ProjectPolicy(null, null, null, null, null, null, null, null, null, null, null, backend, null);
    }

    /** A policy that only sets budgets (US dollars per day and per month; null for none). */
    public static ProjectPolicy budgets(Double daily, Double monthly, Boolean stopRunning) {
        return new ProjectPolicy(null, null, null, null, null, null, null, null, daily, monthly, stopRunning);
    }

    public boolean stopsRunningOverBudget() {
        return Boolean.TRUE.equals(budgetStopRunning);
    }

    /** A policy that retries failed, timed-out and lost attempts until {@code attempts} were made. */
    public static ProjectPolicy retries(int attempts, int backoffSeconds) {
        return new ProjectPolicy(null, null, null, null, null, attempts, backoffSeconds, null);
    }

    public int effectiveMaxConcurrent() {
        return maxConcurrent == null ? 1 : maxConcurrent;
    }

    /** This policy with every non-null field of {@code change} applied over it. */
    public ProjectPolicy merge(ProjectPolicy change) {
        if (change == null) {
            return this;
        }
        return new ProjectPolicy(
                change.defaultBackend != null ? change.defaultBackend : defaultBackend,
                change.defaultTimeout != null ? change.defaultTimeout : defaultTimeout,
                change.maxConcurrent != null ? change.maxConcurrent : maxConcurrent,
                change.defaultPriority != null ? change.defaultPriority : defaultPriority,
                change.autoChain != null ? change.autoChain : autoChain,
                change.maxAttempts != null ? change.maxAttempts : maxAttempts,
                change.retryBackoff != null ? change.retryBackoff : retryBackoff,
                change.webhookUrl != null ? change.webhookUrl : webhookUrl,
                change.dailyBudgetUsd != null ? change.dailyBudgetUsd : dailyBudgetUsd,
                change.monthlyBudgetUsd != null ? change.monthlyBudgetUsd : monthlyBudgetUsd,
                change.budgetStopRunning != null ? change.budgetStopRunning : budgetStopRunning,
                change.fallbackBackend != null ? change.fallbackBackend : fallbackBackend,
                change.resumeOnTimeout != null ? change.resumeOnTimeout : resumeOnTimeout,
                change.gpuSharing != null ? change.gpuSharing : gpuSharing);
    }
}
