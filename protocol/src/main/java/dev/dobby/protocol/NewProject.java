package dev.dobby.protocol;

/**
 * A request to register a project (POST /projects). {@code path} must be absolute; it must be a directory on the
 * hub's machine unless {@code remote} is true (the project is checked out on spokes only).
 */
public record NewProject(String name, String path, String context, ProjectPolicy policy, Boolean remote) {
    public NewProject(String name, String path, String context, ProjectPolicy policy) {
        this(name, path, context, policy, null);
    }

    public static NewProject of(String name, String path) {
        return new NewProject(name, path, null, null, null);
    }

    /** A project whose checkout lives on spokes only. */
    public static NewProject remote(String name, String path) {
        return new NewProject(name, path, null, null, true);
    }
}
