package dev.dobby.agent.executor.slurm;

import dev.dobby.protocol.work.Placement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The states of this spoke's Slurm jobs, read for all of them at once with one {@code squeue -t all -j ...} per
 * poll (sacct may not exist: accounting is optional), and {@code scontrol show job} for a job squeue no longer
 * lists. While the controller does not answer, the last known states stand: nothing is declared gone on silence.
 */
final class SlurmJobs {
    private static final Logger log = LoggerFactory.getLogger(SlurmJobs.class);

    private final Slurm slurm;
    private final Duration poll;
    private final Map<String, Tracked> jobs = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    private Thread poller;

    /** One job followed: its last known state (null before the first look), and who wants to hear of changes. */
    static final class Tracked {
        final String jobId;
        final String partition;
        volatile JobState last;
        volatile boolean gone;
        final List<Consumer<Placement>> watchers = new CopyOnWriteArrayList<>();

        Tracked(String jobId, String partition) {
            this.jobId = jobId;
            this.partition = partition;
        }

        boolean ended() {
            return gone || (last != null && last.ended());
        }

        Placement placement() {
            JobState s = last;
            return s != null ? s.placement() : new Placement(Placement.SLURM, jobId, "PENDING", null, null, partition);
        }
    }

    SlurmJobs(Slurm slurm, Duration poll) {
        this.slurm = slurm;
        this.poll = poll;
    }

    synchronized Tracked track(String jobId, String partition) {
        Tracked tracked = jobs.computeIfAbsent(jobId, id -> new Tracked(id, partition));
        if (poller == null) {
            poller = Thread.ofPlatform().daemon().name("dobby-slurm-jobs").start(this::pollLoop);
        }
        synchronized (wake) {
            wake.notifyAll();
        }
        return tracked;
    }

    /** Every job Slurm shows (any state, any user it lets us see), for finding jobs again by their comment. */
    Optional<List<JobState>> all() {
        Slurm.Result r = slurm.run(List.of("squeue", "-h", "-t", "all", "-o", JobState.SQUEUE_FORMAT));
        if (!r.ok()) {
            return Optional.empty();
        }
        return Optional.of(r.out().lines().map(JobState::parse).flatMap(Optional::stream).toList());
    }

    private void pollLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                log.warn("reading Slurm job states failed: {}", e.getMessage());
            }
            synchronized (wake) {
                try {
                    wake.wait(poll.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    void pollOnce() {
        List<String> ids = new ArrayList<>(jobs.keySet());
        if (ids.isEmpty()) {
            return;
        }
        Slurm.Result r = slurm.run(List.of("squeue", "-h", "-t", "all", "-j", String.join(",", ids), "-o",
                JobState.SQUEUE_FORMAT));
        if (!r.ok() && !r.err().contains("Invalid job id")) {
            log.debug("squeue failed: {}", r.message());
            return;
        }
        Map<String, JobState> seen = new ConcurrentHashMap<>();
        r.out().lines().map(JobState::parse).flatMap(Optional::stream).forEach(s -> seen.put(s.jobId(), s));
        for (String id : ids) {
            Tracked tracked = jobs.get(id);
            if (tracked == null) {
                continue;
            }
            JobState now = seen.get(id);
            if (now == null) {
                now = fromScontrol(id, tracked).orElse(null);
            }
            if (now != null) {
                update(tracked, now);
            }
            if (tracked.ended()) {
                jobs.remove(id);
            }
        }
    }

    /** squeue no longer lists it: scontrol may still know it; if neither does, it is gone. */
    private Optional<JobState> fromScontrol(String id, Tracked tracked) {
        Slurm.Result r = slurm.run(List.of("scontrol", "show", "job", "-o", id));
        if (r.ok()) {
            return ScontrolRecord.parse(r.out()).map(ScontrolRecord::state);
        }
        if (r.err().contains("Invalid job id")) {
            tracked.gone = true;
        }
        return Optional.empty();
    }

    private static void update(Tracked tracked, JobState now) {
        JobState before = tracked.last;
        tracked.last = now;
        if (before == null || !before.placement().equals(now.placement())) {
            Placement placement = now.placement();
            tracked.watchers.forEach(w -> w.accept(placement));
        }
    }

    /** The job's exit code as scontrol records it ({@code ExitCode=3:0}), if it can tell. */
    Optional<Integer> exitCode(String jobId) {
        Slurm.Result r = slurm.run(List.of("scontrol", "show", "job", "-o", jobId));
        return r.ok() ? ScontrolRecord.parse(r.out()).flatMap(ScontrolRecord::exitCode) : Optional.empty();
    }

    void cancel(String jobId) {
        Slurm.Result r = slurm.run(List.of("scancel", jobId));
        if (!r.ok()) {
            log.warn("scancel {} failed: {}", jobId, r.message());
        }
        synchronized (wake) {
            wake.notifyAll();
        }
    }
}
