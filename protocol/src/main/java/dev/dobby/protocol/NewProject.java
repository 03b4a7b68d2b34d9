package dev.dobby.protocol;

/** A request to register a project (POST /projects). {@code path} must be absolute. */
public record NewProject(String name, String path, String context, ProjectPolicy policy) {
    public static NewProject of(String name, String path) {
        return new NewProject(name, path, null, null);
    }
}
