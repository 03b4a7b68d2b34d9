package dev.dobby.protocol;

/**
 * How a project's tasks are run when the submitter does not say. Null fields fall back to the hub's defaults.
 *
 * @param maxConcurrent how many of the project's tasks may run at once (1 when null)
 * @param autoChain     a new task waits for the project's latest pending or running task
 */
public record ProjectPolicy(
        Backend defaultBackend,
        Integer defaultTimeout,
        Integer maxConcurrent,
        Priority defaultPriority,
        Boolean autoChain) {

    public static final ProjectPolicy DEFAULT = new ProjectPolicy(null, null, null, null, null);

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
                change.autoChain != null ? change.autoChain : autoChain);
    }
}
