package dev.dobby.hub.core.gpu;

import dev.dobby.hub.core.WorkerRegistry;
import dev.dobby.hub.store.GpuHolder;
import dev.dobby.hub.store.PendingGpuTask;
import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.WriteTx;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.event.GpusChanged;
import dev.dobby.protocol.gpu.GpuHistory;
import dev.dobby.protocol.gpu.GpuReport;
import dev.dobby.protocol.gpu.GpuReportReply;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.WorkerGpus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GPUs at the hub: takes the workers' reports, answers the GPU views, and places GPU tasks. Reservations are not
 * kept here: a GPU is reserved exactly while a running attempt in the store names it, so an attempt that ends
 * however it ends (finished, cancelled, lost with its worker) releases its GPUs with nothing to undo.
 */
public final class GpuService {
    /** Starts a waiting reason that says no worker can ever serve a task's GPU request. */
    public static final String UNSERVABLE_PREFIX = "waiting: no worker has ";

    private final Store store;
    private final WorkerRegistry workers;
    private final GpuBoard board;
    private final JobTracker jobs;
    private final Clock clock;
    private final Duration jobPollInterval;
    private final Set<String> staleShown = ConcurrentHashMap.newKeySet();
    private volatile Runnable onReservableChange = () -> { };

    public GpuService(Store store, WorkerRegistry workers, JobTracker jobs, Clock clock, Duration sampleInterval,
                      Duration jobPollInterval) {
        this.store = store;
        this.workers = workers;
        this.board = new GpuBoard(sampleInterval);
        this.jobs = jobs;
        this.clock = clock;
        this.jobPollInterval = jobPollInterval;
    }

    public JobTracker jobs() {
        return jobs;
    }

    public GpuBoard board() {
        return board;
    }

    /** Called when GPUs may have become free for waiting tasks (a new report: memory was released). */
    public void onReservableChange(Runnable action) {
        this.onReservableChange = action;
    }

    // ---- reports

    public GpuReportReply report(GpuReport report) {
        if (report.workerId() == null || workers.get(report.workerId()).isEmpty()) {
            throw ApiException.notFound("unknown worker " + report.workerId());
        }
        if (report.gpus().size() > 256) {
            throw ApiException.badRequest("a GPU report lists at most 256 GPUs");
        }
        Instant now = clock.instant();
        boolean changed = board.report(report, now);
        boolean wasStale = staleShown.remove(report.workerId());
        jobs.apply(report.workerId(), report.jobs(), now);
        if (changed || wasStale) {
            announce(report.workerId(), now);
        }
        if (!report.gpus().isEmpty()) {
            onReservableChange.run();
        }
        return new GpuReportReply((int) board.sampleInterval().toSeconds(), (int) jobPollInterval.toSeconds(),
                store.read(tx -> tx.runningJobs(report.workerId())));
    }

    private void announce(String worker, Instant now) {
        store.write(tx -> {
            tx.record(new GpusChanged(0, now, view(worker, tx.gpuHolders(worker), now)));
            return null;
        });
    }

    private WorkerGpus view(String worker, List<GpuHolder> holders, Instant now) {
        boolean offline = workers.get(worker).map(w -> w.state() != Spoke.State.ONLINE
                && w.state() != Spoke.State.DRAINING).orElse(true);
        return board.view(worker, holders, offline, now);
    }

    // ---- views

    /** Every worker that has GPUs or reported on them, by name. */
    public List<WorkerGpus> current() {
        Instant now = clock.instant();
        Map<String, List<GpuHolder>> holders = store.read(tx -> tx.allGpuHolders());
        Set<String> names = new java.util.TreeSet<>(board.workers());
        workers.all().stream().filter(w -> !w.capabilities().gpus().isEmpty()).map(SpokeRecord::id)
                .forEach(names::add);
        List<WorkerGpus> out = new ArrayList<>();
        for (String name : names) {
            WorkerGpus view = view(name, holders.getOrDefault(name, List.of()), now);
            if (view.gpus().isEmpty() && view.error() != null && view.error().contains("not on the PATH")) {
                continue;
            }
            out.add(view);
        }
        return out;
    }

    public GpuHistory history(String worker, Integer gpu, Instant since) {
        if (gpu != null && gpu < 0) {
            throw ApiException.badRequest("gpu must be an index from 0");
        }
        return board.history(worker, gpu, since, clock.instant());
    }

    // ---- placement

    /** The pending GPU tasks {@code worker} cannot take now (they wait for another worker, or for GPUs here). */
    public List<Long> unplaceable(WriteTx tx, SpokeRecord worker) {
        List<PendingGpuTask> pending = tx.pendingGpuTasks();
        if (pending.isEmpty() || worker.capabilities().scheduled()) {
            // A Slurm spoke's GPUs are the cluster's: Slurm places the job, or refuses it with its reason.
            return List.of();
        }
        List<GpuState> gpus = GpuPlacement.inventory(board.gpusOf(worker.id()), worker.capabilities());
        List<GpuHolder> holders = tx.gpuHolders(worker.id());
        Set<String> sharing = sharingProjects(tx);
        List<Long> out = new ArrayList<>();
        for (PendingGpuTask task : pending) {
            if (GpuPlacement.choose(gpus, holders, task.request(), sharing.contains(task.project()),
                    sharing::contains).isEmpty()) {
                out.add(task.id());
            }
        }
        return out;
    }

    /** Reserve GPUs for a task just claimed by {@code worker}; the indices, empty for a task without GPUs. */
    public List<Integer> reserve(WriteTx tx, SpokeRecord worker, Task task, long attemptId) {
        if (!task.gpuRequest().any() || worker.capabilities().scheduled()) {
            return List.of();
        }
        List<GpuState> gpus = GpuPlacement.inventory(board.gpusOf(worker.id()), worker.capabilities());
        Set<String> sharing = sharingProjects(tx);
        Optional<List<Integer>> chosen = GpuPlacement.choose(gpus, tx.gpuHolders(worker.id()), task.gpuRequest(),
                sharing.contains(task.project()), sharing::contains);
        // unplaceable() kept every task this worker cannot serve out of the claim, in the same transaction.
        List<Integer> indices = chosen.orElseThrow(() -> new IllegalStateException(
                "task " + task.id() + " was claimed by " + worker.id() + " without GPUs to give it"));
        tx.setAttemptGpus(attemptId, indices);
        return indices;
    }

    private static Set<String> sharingProjects(WriteTx tx) {
        Set<String> names = new HashSet<>();
        for (Project p : tx.projects()) {
            if (p.policy().sharesGpus()) {
                names.add(p.name());
            }
        }
        return names;
    }

    // ---- upkeep

    /** Announce workers whose data went stale, and say which pending GPU tasks no worker can ever serve. */
    public void tick() {
        Instant now = clock.instant();
        for (String worker : board.workers()) {
            boolean stale = board.isStale(worker, now);
            if (stale && staleShown.add(worker)) {
                announce(worker, now);
            }
        }
        explainUnservable(now);
    }

    private void explainUnservable(Instant now) {
        List<PendingGpuTask> pending = store.read(tx -> tx.pendingGpuTasks());
        if (pending.isEmpty()) {
            return;
        }
        List<SpokeRecord> known = workers.all().stream().filter(w -> w.state() != Spoke.State.STOPPED).toList();
        store.write(tx -> {
            for (PendingGpuTask task : pending) {
                Set<String> seen = new LinkedHashSet<>();
                boolean servable = false;
                for (SpokeRecord worker : known) {
                    if (worker.capabilities().scheduled()) {
                        servable = true;
                        break;
                    }
                    List<GpuState> gpus = GpuPlacement.inventory(board.gpusOf(worker.id()), worker.capabilities());
                    if (!gpus.isEmpty()) {
                        seen.add(GpuPlacement.describe(worker.id(), gpus));
                    }
                    if (GpuPlacement.couldEverServe(gpus, task.request())) {
                        servable = true;
                        break;
                    }
                }
                String current = task.statusReason();
                if (!servable) {
                    String reason = UNSERVABLE_PREFIX + task.request().describe()
                            + (seen.isEmpty() ? " (no worker has any GPU)" : " (" + String.join("; ", seen) + ")");
                    if (!reason.equals(current)) {
                        tx.updateStatusReason(task.id(), reason, now);
                    }
                } else if (current != null && current.startsWith(UNSERVABLE_PREFIX)) {
                    tx.updateStatusReason(task.id(), null, now);
                }
            }
            return null;
        });
    }
}
