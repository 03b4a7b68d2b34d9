package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.JsonOption;
import dev.dobby.cli.output.Table;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "projects", description = "List registered projects and their policies.",
        footer = {"", "Examples:", "  dobby projects", "  dobby projects --json"})
public final class ProjectsCommand extends ClientCommand {
    @Mixin
    JsonOption json;

    @Override
    protected int run() {
        List<Project> projects = hub().projects();
        if (json.json) {
            printJson(projects);
            return 0;
        }
        if (projects.isEmpty()) {
            out().println("No projects yet. Register one with: dobby register PATH --name NAME");
            return 0;
        }
        Table table = new Table("NAME", "PATH", "POLICY");
        for (Project p : projects) {
            table.row(style().bold(p.name()), p.path(), describe(p.policy()));
        }
        table.print(out(), style());
        return 0;
    }

    static String describe(ProjectPolicy policy) {
        List<String> parts = new ArrayList<>();
        parts.add("max " + policy.effectiveMaxConcurrent() + " at once");
        if (policy.defaultBackend() != null) {
            parts.add("backend " + policy.defaultBackend().wire());
        }
        if (policy.defaultPriority() != null) {
            parts.add("priority " + policy.defaultPriority().wire());
        }
        if (policy.defaultTimeout() != null) {
            parts.add("timeout " + dev.dobby.protocol.Durations.format(java.time.Duration.ofSeconds(policy.defaultTimeout())));
        }
        if (Boolean.TRUE.equals(policy.autoChain())) {
            parts.add("auto-chain");
        }
        if (policy.dailyBudgetUsd() != null && policy.dailyBudgetUsd() > 0) {
            parts.add(String.format(java.util.Locale.ROOT, "budget $%.2f a day", policy.dailyBudgetUsd()));
        }
        if (policy.monthlyBudgetUsd() != null && policy.monthlyBudgetUsd() > 0) {
            parts.add(String.format(java.util.Locale.ROOT, "budget $%.2f a month", policy.monthlyBudgetUsd()));
        }
        if (policy.resumesOnTimeout()) {
            parts.add("timed out: resume the session");
        }
        if (policy.fallbackBackend() != null) {
            parts.add("out of quota: use " + policy.fallbackBackend().wire());
        }
        if (policy.stopsRunningOverBudget()) {
            parts.add("over budget: stop running tasks");
        }
        return String.join(", ", parts);
    }
}
