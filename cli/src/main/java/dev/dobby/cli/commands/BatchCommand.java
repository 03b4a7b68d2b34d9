package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.ExitCode;
import dev.dobby.cli.JsonOption;
import dev.dobby.protocol.BatchStatus;
import dev.dobby.protocol.BatchYaml;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewBatch;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "batch", description = "Queue the tasks of a YAML file, all or nothing.",
        footer = {"",
                "The file lists tasks; 'name' lets others wait for one with 'after':",
                "",
                "  name: release               # optional, with 'project' as a default for every task",
                "  project: shop",
                "  tasks:",
                "    - name: tests",
                "      description: make the test suite pass",
                "    - description: update the changelog",
                "      after: tests",
                "      priority: low",
                "",
                "Examples:",
                "  dobby batch release.yaml",
                "  dobby batch release.yaml --wait     # a progress bar until every task has ended"})
public final class BatchCommand extends ClientCommand {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--wait", description = "Show progress until every task has ended; exit 1 if any did not complete.")
    boolean waitForEnd;

    @Mixin
    JsonOption json;

    @Override
    protected int run() throws IOException, InterruptedException {
        byte[] yaml;
        try {
            yaml = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        NewBatch request = BatchYaml.parse(yaml);
        if (!json.json) {
            err().println("Submitting " + request.tasks().size() + " task(s) from " + file + "…");
            err().flush();
        }
        BatchStatus batch = hub().createBatch(request);
        if (json.json && !waitForEnd) {
            printJson(batch);
            return 0;
        }
        if (!json.json) {
            out().println("Queued batch " + style().bold("#" + batch.id()) + " with " + batch.total() + " task(s). "
                    + "Follow it with: dobby batch-status " + batch.id());
            out().flush();
        }
        return waitForEnd ? follow(batch) : 0;
    }

    /** Redraw one progress line as tasks of the batch end. */
    private int follow(BatchStatus batch) throws InterruptedException {
        Set<Long> members = new HashSet<>();
        batch.tasks().forEach(t -> members.add(t.id()));
        BlockingQueue<Long> changes = new LinkedBlockingQueue<>();
        HubApi.Subscription subscription = hub().subscribe(HubApi.EventFilter.hub(), event -> {
            if (event instanceof TaskStatusChanged s && members.contains(s.taskId())) {
                changes.offer(s.taskId());
            }
        });
        try {
            BatchStatus now = hub().batch(batch.id());
            while (now.finished() < now.total()) {
                progress(now);
                // Events wake us at once; the periodic look also covers a stream that dropped.
                changes.poll(5, TimeUnit.SECONDS);
                changes.clear();
                now = hub().batch(batch.id());
            }
            progress(now);
            err().println();
            if (json.json) {
                printJson(now);
            }
            boolean allCompleted = now.counts().getOrDefault(TaskStatus.COMPLETED, 0) == now.total();
            return allCompleted ? ExitCode.OK : ExitCode.TASK_FAILED;
        } finally {
            subscription.close();
        }
    }

    private void progress(BatchStatus b) {
        String line = BatchStatusCommand.bar(b.progress()) + String.format(" %d/%d ended", b.finished(), b.total())
                + (b.counts().containsKey(TaskStatus.RUNNING) ? ", " + b.counts().get(TaskStatus.RUNNING) + " running" : "")
                + (b.counts().containsKey(TaskStatus.FAILED) ? ", " + b.counts().get(TaskStatus.FAILED) + " failed" : "");
        err().print(style().enabled() ? "\r" + line + "   " : line + "\n");
        err().flush();
    }
}
