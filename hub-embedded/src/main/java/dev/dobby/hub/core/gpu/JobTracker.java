package dev.dobby.hub.core.gpu;

import dev.dobby.hub.core.WorkerRegistry;
import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.event.JobChanged;
import dev.dobby.protocol.gpu.JobUpdate;
import dev.dobby.protocol.gpu.NewTrackedJob;
import dev.dobby.protocol.gpu.TrackedJob;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Long jobs that tasks started and that outlive their agents. The hub stores them (so tracking survives restarts
 * of the hub and of the worker), hands each worker the ones it must poll, and records what the polls find; a job
 * that ends, fails or is stopped is a {@code job.changed} event, which the webhooks, the Slack bot and the desktop
 * app announce.
 */
public final class JobTracker {
    private static final Pattern SLURM_ID = Pattern.compile("[0-9]+([_.][0-9A-Za-z+]+)?");
    private static final int MAX_TEXT = 4096;

    private final Store store;
    private final WorkerRegistry workers;
    private final Clock clock;
    private final String localWorker;

    public JobTracker(Store store, WorkerRegistry workers, Clock clock, String localWorker) {
        this.store = store;
        this.workers = workers;
        this.clock = clock;
        this.localWorker = localWorker;
    }

    public TrackedJob track(NewTrackedJob request) {
        if (request == null) {
            throw ApiException.badRequest("tracking a job needs a JSON body with pid, slurm_job or log");
        }
        if (request.pid() == null && request.slurmJob() == null && request.log() == null) {
            throw ApiException.badRequest("say which job to track: pid, slurm_job or log");
        }
        if (request.pid() != null && request.pid() < 2) {
            throw ApiException.badRequest("pid must be a process id above 1");
        }
        if (request.slurmJob() != null && !SLURM_ID.matcher(request.slurmJob().strip()).matches()) {
            throw ApiException.badRequest("slurm_job must be a Slurm job id (like 12345 or 12345_7)");
        }
        if (request.log() != null && (!request.log().startsWith("/") || request.log().length() > MAX_TEXT
                || request.log().contains("\0"))) {
            throw ApiException.badRequest("log must be an absolute path on the job's worker");
        }
        if (request.label() != null && request.label().length() > 200) {
            throw ApiException.badRequest("label must be at most 200 characters");
        }
        return store.write(tx -> {
            Task task = null;
            if (request.taskId() != null) {
                task = tx.task(request.taskId())
                        .orElseThrow(() -> ApiException.notFound("unknown task " + request.taskId()));
            }
            String worker = request.worker();
            if (worker == null) {
                worker = task != null && task.worker() != null ? task.worker() : localWorker;
            }
            if (workers.get(worker).isEmpty()) {
                throw ApiException.notFound("unknown worker '" + worker + "'");
            }
            TrackedJob.Kind kind = request.slurmJob() != null ? TrackedJob.Kind.SLURM
                    : request.pid() != null ? TrackedJob.Kind.PROCESS : TrackedJob.Kind.LOG;
            Instant now = clock.instant();
            TrackedJob draft = new TrackedJob(0, request.taskId(), worker, kind, request.pid(),
                    request.slurmJob() == null ? null : request.slurmJob().strip(), request.log(), request.label(),
                    TrackedJob.State.RUNNING, "waiting for the first poll on " + worker, null, null, List.of(),
                    List.of(), false, now, null, null);
            long id = tx.insertTrackedJob(draft);
            TrackedJob job = tx.trackedJob(id).orElseThrow();
            tx.record(new JobChanged(0, now, job));
            return job;
        });
    }

    public List<TrackedJob> list(Long taskId) {
        return store.read(tx -> tx.trackedJobs(taskId, 500));
    }

    public TrackedJob get(long id) {
        return store.read(tx -> tx.trackedJob(id)).orElseThrow(() -> ApiException.notFound("unknown job " + id));
    }

    public TrackedJob stop(long id) {
        return store.write(tx -> {
            TrackedJob job = tx.trackedJob(id).orElseThrow(() -> ApiException.notFound("unknown job " + id));
            if (job.state().isOver()) {
                throw ApiException.conflict(job.title() + " has already " + job.state().wire());
            }
            if (!job.stopRequested()) {
                tx.requestJobStop(id);
                job = tx.trackedJob(id).orElseThrow();
                tx.record(new JobChanged(0, clock.instant(), job));
            }
            return job;
        });
    }

    /** What {@code worker} found; a job that is over now becomes a {@code job.changed} event. */
    void apply(String worker, List<JobUpdate> updates, Instant now) {
        if (updates.isEmpty()) {
            return;
        }
        store.write(tx -> {
            for (JobUpdate update : updates) {
                TrackedJob job = tx.trackedJob(update.id()).orElse(null);
                if (job == null || !job.worker().equals(worker) || job.state().isOver()) {
                    continue;
                }
                JobUpdate clean = new JobUpdate(update.id(), update.state(), cut(update.detail()), update.exitCode(),
                        update.pid(), update.gpuMemoryMib(), update.gpus(),
                        update.logTail().stream().limit(50).map(JobTracker::cut).toList());
                tx.updateTrackedJob(clean, now, update.state().isOver() ? now : null);
                if (update.state().isOver()) {
                    tx.record(new JobChanged(0, now, tx.trackedJob(update.id()).orElseThrow()));
                }
            }
            return null;
        });
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000) + "…";
    }
}
