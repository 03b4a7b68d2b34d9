package dev.dobby.hub.core;

import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import dev.dobby.protocol.event.ProjectChanged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/** Registering projects and changing their settings. */
public final class ProjectCommands {
    private final Store store;
    private final Dispatcher dispatcher;
    private final Clock clock;

    public ProjectCommands(Store store, Dispatcher dispatcher, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public Project register(NewProject request) {
        if (request == null) {
            throw ApiException.badRequest("a project needs a JSON body with name and path");
        }
        String name = Validate.name(request.name(), "name");
        boolean remote = Boolean.TRUE.equals(request.remote());
        String path = remote ? absolute(request.path()) : directory(request.path());
        String context = Validate.optionalText(request.context(), "context", Validate.MAX_CONTEXT);
        ProjectPolicy policy = checkPolicy(request.policy() == null ? ProjectPolicy.DEFAULT : request.policy());
        return store.write(tx -> {
            if (tx.project(name).isPresent()) {
                throw ApiException.conflict("project '" + name + "' is already registered");
            }
            Instant now = clock.instant();
            Project project = new Project(name, path, context, policy, now, remote);
            tx.insertProject(project, now);
            Project stored = tx.project(name).orElseThrow();
            tx.record(new ProjectChanged(0, now, stored, true));
            return stored;
        });
    }

    /** Change a project's policy; fields left null in {@code change} stay. */
    public Project updatePolicy(String name, ProjectPolicy change) {
        ProjectPolicy checked = checkPolicy(change == null ? ProjectPolicy.DEFAULT : change);
        Project updated = store.write(tx -> {
            Project project = tx.project(name).orElseThrow(() -> ApiException.notFound("no project '" + name + "'"));
            Instant now = clock.instant();
            Project changed = new Project(project.name(), project.path(), project.context(),
                    project.policy().merge(checked), project.createdAt(), project.remote());
            tx.updateProject(changed, now);
            tx.record(new ProjectChanged(0, now, changed, false));
            return changed;
        });
        dispatcher.wake();
        return updated;
    }

    private static ProjectPolicy checkPolicy(ProjectPolicy policy) {
        Validate.timeout(policy.defaultTimeout(), "policy.default_timeout");
        Validate.range(policy.maxConcurrent(), 1, 64, 1, "policy.max_concurrent");
        Validate.range(policy.maxAttempts(), 1, 20, 1, "policy.max_attempts");
        Validate.range(policy.retryBackoff(), 0, 24 * 3600, 0, "policy.retry_backoff");
        Validate.webhookUrl(policy.webhookUrl(), "policy.webhook_url");
        Validate.budget(policy.dailyBudgetUsd(), "policy.daily_budget_usd");
        Validate.budget(policy.monthlyBudgetUsd(), "policy.monthly_budget_usd");
        return policy;
    }

    /** An absolute path to an existing directory, as given (symlinks are the user's business). */
    private static String directory(String raw) {
        Path path = Path.of(absolute(raw));
        if (!Files.isDirectory(path)) {
            throw ApiException.badRequest("path " + raw + " is not a directory on the hub's machine");
        }
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            throw ApiException.badRequest("path " + raw + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * An absolute path, normalised; for a project on spokes only it need not exist here. POSIX-style, since the
     * spokes that run it may be other machines than the hub's.
     */
    private static String absolute(String raw) {
        Validate.requireText(raw, "path", 4096);
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("path '" + raw + "' is not a valid path");
        }
        if (!path.isAbsolute()) {
            throw ApiException.badRequest("path must be absolute, not '" + raw + "'");
        }
        return path.normalize().toString();
    }
}
