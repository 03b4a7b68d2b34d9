package dev.dobby.hub;

import dev.dobby.hub.core.WorkService;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.AttemptRef;
import dev.dobby.protocol.work.Heartbeat;
import dev.dobby.protocol.work.HeartbeatReply;
import dev.dobby.protocol.work.LogAck;
import dev.dobby.protocol.work.LogChunk;
import dev.dobby.protocol.work.Outcome;
import dev.dobby.protocol.work.WorkApi;
import dev.dobby.protocol.work.WorkerHello;
import dev.dobby.protocol.work.WorkerSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The worker protocol in-process, for the hub's own local worker: the same calls a spoke makes over HTTP. */
final class LocalWorkApi implements WorkApi {
    private final WorkService work;
    private final dev.dobby.hub.core.gpu.GpuService gpus;

    LocalWorkApi(WorkService work, dev.dobby.hub.core.gpu.GpuService gpus) {
        this.work = work;
        this.gpus = gpus;
    }

    @Override
    public dev.dobby.protocol.gpu.GpuReportReply reportGpus(dev.dobby.protocol.gpu.GpuReport report) {
        return gpus.report(report);
    }

    @Override
    public WorkerSession register(WorkerHello hello) {
        return work.register(hello, true, null);
    }

    @Override
    public Optional<Assignment> poll(String workerId, Duration wait) {
        return work.poll(workerId, wait);
    }

    @Override
    public void started(AttemptRef attempt, long pid, Instant processStart) {
        work.started(attempt, pid, processStart);
    }

    @Override
    public void placed(AttemptRef attempt, dev.dobby.protocol.work.Placement placement) {
        work.placed(attempt, placement);
    }

    @Override
    public LogAck appendLog(AttemptRef attempt, LogChunk chunk) {
        return work.appendLog(attempt, chunk);
    }

    @Override
    public HeartbeatReply heartbeat(Heartbeat heartbeat) {
        return work.heartbeat(heartbeat);
    }

    @Override
    public void finish(AttemptRef attempt, Outcome outcome) {
        work.finish(attempt, outcome);
    }

    @Override
    public void deregister(String workerId) {
        work.deregister(workerId);
    }
}
