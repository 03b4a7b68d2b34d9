package dev.dobby.mcp.tools;

import static dev.dobby.mcp.tools.InputSchema.name;
import static dev.dobby.mcp.tools.InputSchema.text;

import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.Project;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Tools that list and register projects. */
final class ProjectTools {
    private final HubApi hub;

    ProjectTools(HubApi hub) {
        this.hub = hub;
    }

    List<DobbyTool> tools() {
        return List.of(projects(), register());
    }

    private DobbyTool projects() {
        return DobbyTool.reading("dobby_projects", "List projects",
                "List the registered projects: name, directory, how their tasks run by default, and their "
                        + "context. A task's 'project' must be one of these names.",
                InputSchema.object().build(),
                args -> {
                    List<Project> projects = hub.projects();
                    String text = projects.isEmpty()
                            ? "No projects are registered yet; register one with dobby_register."
                            : projects.size() + " project(s):\n"
                                    + projects.stream().map(Describe::project).collect(Collectors.joining("\n"));
                    return Reply.of(text, Map.of("projects", projects));
                });
    }

    private DobbyTool register() {
        Map<String, Object> schema = InputSchema.object()
                .required("name", name("Short name for the project, used in every task (for example 'web-app'): "
                        + "letters, digits, '.', '_' or '-'."))
                .required("path", text("Absolute path of the project's directory (usually a git repository) on "
                        + "the machine that runs its tasks, for example /home/me/src/web-app.", 4096))
                .optional("context", text("Background every agent working in this project should know: what it "
                        + "is, conventions, how to build and test it.", 32_000))
                .build();
        return DobbyTool.changing("dobby_register", "Register a project",
                "Register a directory as a project so tasks can run in it. The hub checks that the path is an "
                        + "existing directory. A name can be registered only once.",
                schema,
                args -> {
                    Project project = hub.registerProject(new NewProject(args.text("name"), args.text("path"),
                            args.optionalText("context"), null));
                    return Reply.of("Registered project " + Describe.project(project), project);
                });
    }
}
