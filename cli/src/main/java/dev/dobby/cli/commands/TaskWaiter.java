package dev.dobby.cli.commands;

import dev.dobby.cli.ExitCode;
import dev.dobby.cli.output.Style;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.HubApi.EventFilter;
import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.LogPage;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskLog;
import dev.dobby.protocol.event.TaskStatusChanged;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Follows one task until it ends: what is already logged first, then live events from the task's stream, resuming
 * after the last line printed so nothing shows twice. The exit code is the task's outcome.
 */
final class TaskWaiter {
    private static final int PAGE = 5_000;

    private final HubApi hub;
    private final PrintWriter out;
    private final Style style;
    private final boolean quiet;
    private long lastSeq;
    private java.util.function.Consumer<String> lineObserver = text -> { };
    private String noun = "task";

    TaskWaiter(HubApi hub, PrintWriter out, Style style, boolean quiet) {
        this.hub = hub;
        this.out = out;
        this.style = style;
        this.quiet = quiet;
    }

    /** Also hand each printed line's text to {@code observer}. */
    TaskWaiter observingLines(java.util.function.Consumer<String> observer) {
        this.lineObserver = observer;
        return this;
    }

    /** What the closing line calls the task ("session #12 completed"). */
    TaskWaiter calling(String value) {
        this.noun = value;
        return this;
    }

    /** Print the task's log so far (if {@code printLogs}), then follow it until it ends. */
    int waitForEnd(long taskId, boolean printLogs) throws InterruptedException {
        hub.getTask(taskId);
        if (printLogs) {
            LogPage page;
            do {
                page = hub.logs(taskId, lastSeq, PAGE);
                page.lines().forEach(this::print);
                lastSeq = page.next();
            } while (page.more());
        }
        Task now = hub.getTask(taskId);
        if (now.status().isTerminal()) {
            return finish(now);
        }
        CompletableFuture<Task> ended = new CompletableFuture<>();
        HubApi.Subscription subscription = hub.subscribe(EventFilter.task(taskId).after(lastSeq), new HubApi.EventListener() {
            @Override
            public void onEvent(HubEvent event) {
                if (event instanceof TaskLog log && printLogs) {
                    log.lines().forEach(TaskWaiter.this::print);
                } else if (event instanceof TaskStatusChanged change && change.to().isTerminal()) {
                    // A retried task has ended before; only its current state counts.
                    Task current = hub.getTask(taskId);
                    if (current.status().isTerminal()) {
                        ended.complete(current);
                    }
                }
            }

            @Override
            public void onClose(Throwable error) {
                if (error != null) {
                    ended.completeExceptionally(error);
                }
            }
        });
        try {
            return finish(ended.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            subscription.close();
        }
    }

    private synchronized void print(LogLine line) {
        if (line.seq() <= lastSeq) {
            return;
        }
        lastSeq = line.seq();
        out.println(line.text());
        out.flush();
        lineObserver.accept(line.text());
    }

    private int finish(Task task) {
        if (!quiet) {
            String reason = task.statusReason() == null ? "" : " (" + task.statusReason() + ")";
            System.err.println(noun + " #" + task.id() + " " + style.status(task.status()) + reason);
        }
        return task.status() == TaskStatus.COMPLETED ? ExitCode.OK : ExitCode.TASK_FAILED;
    }
}
