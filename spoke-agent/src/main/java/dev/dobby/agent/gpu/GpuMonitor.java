package dev.dobby.agent.gpu;

import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuReport;
import dev.dobby.protocol.gpu.GpuReportReply;
import dev.dobby.protocol.gpu.GpuState;
import dev.dobby.protocol.gpu.JobUpdate;
import dev.dobby.protocol.gpu.TrackedJob;
import dev.dobby.protocol.work.WorkApi;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's watch on its GPUs and tracked jobs, on a thread of its own so that a slow or hung {@code nvidia-smi}
 * never holds up taking and running tasks. Each round samples the GPUs, attributes their processes to the tasks
 * running here, polls the tracked jobs that are due, and reports it all to the hub, whose answer sets the pace
 * and lists the jobs to watch. A failure to sample is logged once, when it starts, and reported with every round.
 */
public final class GpuMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GpuMonitor.class);
    static final Duration FIRST_INTERVAL = Duration.ofSeconds(10);

    private final WorkApi api;
    private final String workerId;
    private final GpuSampler sampler;
    private final Supplier<Map<Long, Long>> agentProcesses;
    private final Clock clock;
    private final Map<Long, Long> lastPolled = new HashMap<>();
    private final Map<Long, Long> stopSent = new HashMap<>();
    private final Map<Long, JobUpdate> unsent = new LinkedHashMap<>();
    private volatile List<GpuState> latest = List.of();
    private volatile String lastError;
    private volatile boolean everSampled;
    private volatile Duration interval = FIRST_INTERVAL;
    private volatile Duration jobInterval = Duration.ofSeconds(300);
    private volatile List<TrackedJob> jobs = List.of();
    private volatile boolean reportFailing;
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * @param agentProcesses the supervisor pid of each attempt running here, to the attempt's task id
     */
    public GpuMonitor(WorkApi api, String workerId, String path, Supplier<Map<Long, Long>> agentProcesses,
                      Clock clock) {
        this.api = api;
        this.workerId = workerId;
        this.sampler = new GpuSampler(path, timeoutFor(FIRST_INTERVAL));
        this.agentProcesses = agentProcesses;
        this.clock = clock;
    }

    /** Sample once now, without reporting: what the worker registers with. */
    public void sampleNow() {
        sample();
    }

    /** Sample, report and poll every interval the hub asks for, until closed. */
    public GpuMonitor start() {
        thread = Thread.ofPlatform().name("dobby-gpu-monitor-" + workerId).daemon().start(this::loop);
        return this;
    }

    /** The GPUs as last sampled, for the worker's capabilities. */
    public List<Spoke.Gpu> inventory() {
        return latest.stream().map(g -> new Spoke.Gpu(g.index(), g.name(), g.memoryTotalMib(), g.memoryUsedMib(),
                g.utilizationPercent())).toList();
    }

    private void loop() {
        while (!closed) {
            try {
                round();
            } catch (RuntimeException e) {
                log.warn("worker {}: GPU round failed: {}", workerId, e.toString());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private GpuSampler.Sample sample() {
        GpuSampler.Sample sample = sampler.sample();
        if (!Objects.equals(sample.error(), lastError)) {
            if (sample.error() != null) {
                log.warn("worker {}: cannot read its GPUs: {} (it keeps working, and says so again only once "
                        + "this changes)", workerId, sample.error());
            } else if (everSampled) {
                log.info("worker {}: reads its GPUs again", workerId);
            }
            lastError = sample.error();
        }
        everSampled = true;
        // A failed sample keeps the GPUs last seen for the worker's capabilities; the hub shows the error.
        if (sample.error() == null || !sample.gpus().isEmpty()) {
            latest = attribute(sample.gpus());
        }
        return sample;
    }

    void round() {
        sampler.timeout(timeoutFor(interval));
        GpuSampler.Sample sample = sample();
        List<GpuState> gpus = sample.error() != null && sample.gpus().isEmpty() ? List.of() : latest;
        long now = System.nanoTime();
        for (TrackedJob job : jobs) {
            Long last = lastPolled.get(job.id());
            boolean due = last == null || now - last >= jobInterval.toNanos()
                    || (job.stopRequested() && !stopSent.containsKey(job.id()));
            if (!due) {
                continue;
            }
            JobUpdate update = JobPoller.poll(job, gpus);
            if (job.stopRequested() && !update.state().isOver() && !stopSent.containsKey(job.id())) {
                log.info("worker {}: stopping {} as asked", workerId, job.title());
                JobPoller.stop(job, update.pid());
                stopSent.put(job.id(), now);
            }
            lastPolled.put(job.id(), now);
            unsent.put(job.id(), update);
        }
        GpuReport report = new GpuReport(workerId, clock.instant(), sample.error(), gpus,
                new ArrayList<>(unsent.values()));
        try {
            GpuReportReply reply = api.reportGpus(report);
            unsent.clear();
            interval = Duration.ofSeconds(Math.max(1, reply.sampleSeconds()));
            jobInterval = Duration.ofSeconds(Math.max(1, reply.jobPollSeconds()));
            jobs = reply.jobs();
            List<Long> watched = jobs.stream().map(TrackedJob::id).toList();
            lastPolled.keySet().retainAll(watched);
            stopSent.keySet().retainAll(watched);
            if (reportFailing) {
                log.info("worker {}: GPU reports reach the hub again", workerId);
                reportFailing = false;
            }
        } catch (RuntimeException e) {
            if (!reportFailing) {
                log.warn("worker {}: could not report its GPUs to the hub ({}); will keep trying", workerId,
                        e.getMessage());
                reportFailing = true;
            }
        }
    }

    /** Half the interval, from 1 to 5 s: a hung nvidia-smi is given up on well before the next round. */
    static Duration timeoutFor(Duration interval) {
        long half = interval.toMillis() / 2;
        return Duration.ofMillis(Math.max(1000, Math.min(5000, half)));
    }

    /** Each process as a task's (its supervisor's session or tree) or as outside Dobby, with user and command. */
    private List<GpuState> attribute(List<GpuState> gpus) {
        if (gpus.stream().allMatch(g -> g.processes().isEmpty())) {
            return gpus;
        }
        Map<Long, Long> owners = new HashMap<>(agentProcesses.get());
        for (TrackedJob job : jobs) {
            if (job.pid() != null && job.taskId() != null) {
                owners.putIfAbsent(job.pid(), job.taskId());
            }
        }
        List<GpuState> out = new ArrayList<>(gpus.size());
        for (GpuState gpu : gpus) {
            List<GpuProcess> processes = new ArrayList<>();
            for (GpuProcess p : gpu.processes()) {
                Long task = ProcessTree.owner(p.pid(), owners);
                processes.add(task != null
                        ? new GpuProcess(p.pid(), p.name(), p.usedMemoryMib(), task, null, null)
                        : new GpuProcess(p.pid(), p.name(), p.usedMemoryMib(), null, ProcessTree.user(p.pid()),
                                ProcessTree.command(p.pid())));
            }
            out.add(new GpuState(gpu.index(), gpu.name(), gpu.uuid(), gpu.utilizationPercent(), gpu.memoryUsedMib(),
                    gpu.memoryTotalMib(), gpu.temperatureC(), gpu.powerDrawW(), gpu.powerLimitW(), processes,
                    List.of()));
        }
        return List.copyOf(out);
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
