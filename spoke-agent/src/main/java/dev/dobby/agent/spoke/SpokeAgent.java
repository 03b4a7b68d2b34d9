package dev.dobby.agent.spoke;

import dev.dobby.agent.executor.Executor;
import dev.dobby.agent.executor.LocalExecutor;
import dev.dobby.agent.executor.slurm.SlurmExecutor;
import dev.dobby.agent.gpu.GpuMonitor;
import dev.dobby.agent.runner.AgentRunner;
import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.runner.Redactor;
import dev.dobby.agent.runner.git.WorktreeManager;
import dev.dobby.agent.worker.Worker;
import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubUnreachableException;
import dev.dobby.protocol.client.Backoff;
import dev.dobby.protocol.client.WorkHttpClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A spoke: a worker on another machine that dials out to a hub, takes tasks and runs their agents here. It
 * registers with the enrolment token, then polls, heartbeats and reports over HTTP ({@link WorkHttpClient}) with
 * the same {@link Worker} loop the hub's local worker uses.
 *
 * <p>The first SIGTERM or SIGINT drains (running tasks finish and report, no new ones are taken, then the spoke
 * goes offline and exits 0); a second one stops at once (agents are killed, the hub re-queues their tasks, exit
 * 1). Agents run under supervisors of their own: after a crash (or a kill -9) of the spoke they run on, and the
 * next start takes them up again (or collects how they ended); a supervisor whose lease is not renewed in time
 * stops its agent, so the hub can safely give the task to someone else.
 */
public final class SpokeAgent {
    private static final Logger log = LoggerFactory.getLogger(SpokeAgent.class);
    /** Exit statuses, in line with the dobby command's. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_STOPPED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_UNREACHABLE = 3;
    public static final int EXIT_UNAUTHORIZED = 4;
    public static final int EXIT_REFUSED = 6;
    private static final Duration CAPABILITY_REFRESH = Duration.ofSeconds(30);

    private final SpokeOptions options;
    private final Map<String, String> env;
    private final PrintStream out;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicInteger exitCode = new AtomicInteger(EXIT_OK);
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private Worker worker;
    private GpuMonitor gpus;
    private WorkHttpClient client;

    public SpokeAgent(SpokeOptions options, Map<String, String> env, PrintStream out) {
        this.options = options;
        this.env = env;
        this.out = out;
    }

    /** Run until drained, stopped or refused; returns the exit status. */
    public int run() throws InterruptedException {
        Path base = options.home().resolve("spokes").resolve(options.id());
        Clock clock = Clock.systemUTC();
        List<String> secrets = new ArrayList<>();
        if (options.token() != null) {
            secrets.add(options.token());
        }
        // Agent programs come from DOBBY_CLAUDE_BIN / DOBBY_CODEX_BIN or the PATH, as for the hub's own worker.
        WorkerSettings settings = new WorkerSettings(env, null, null, PriceTable.EMPTY,
                WorkerSettings.DEFAULT_RETENTION);
        Executor executor = new LocalExecutor();
        if (options.slurm() != null) {
            SlurmExecutor slurm = new SlurmExecutor(options.id(), options.slurm(), options.killGrace());
            java.util.Optional<String> missing = slurm.unavailable();
            if (missing.isPresent()) {
                out.println("dobby agent: " + missing.get());
                return EXIT_USAGE;
            }
            executor = slurm;
        }
        AgentRunner runner = new AgentRunner(options.id(), settings.backends(),
                Redactor.fromEnvironment(env, secrets), options.killGrace(), base.resolve("artifacts"),
                new WorktreeManager(base.resolve("worktrees"), settings.worktreeRetention(), clock),
                base.resolve("attempts"), clock, executor);
        runner.hubUrl(options.hubUrl());
        client = new WorkHttpClient(options.hubUrl(), options.token(), (what, failure, wait) ->
                log.warn("{} failed ({}); trying again in {} ms", what, failure.getMessage(), wait.toMillis()));
        Worker[] started = new Worker[1];
        gpus = new GpuMonitor(client, options.id(), env.get("PATH"),
                () -> started[0] == null ? java.util.Map.of() : started[0].agentProcesses(), clock);
        gpus.sampleNow();
        HostCapabilities capabilities = new HostCapabilities(runner, options, gpus::inventory, CAPABILITY_REFRESH);
        if (env.get(SpokeOptions.TOKEN_FILE_VARIABLE) != null) {
            Path tokenFile = Path.of(env.get(SpokeOptions.TOKEN_FILE_VARIABLE));
            client.keepCredentials(credential -> SpokeTokenFile.write(tokenFile, credential));
        }
        worker = new Worker(client, runner, options.id(), capabilities, options.killGrace(), Backoff.standard());
        started[0] = worker;
        worker.leasesBindSupervisors(true);
        worker.onFatal(e -> finish(exitFor(e), "the hub refused this spoke: " + e.getMessage()));

        if (!StopSignals.install(this::drain, this::stopNow)) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopNow, "dobby-spoke-shutdown"));
        }
        try {
            worker.start();
        } catch (ApiException e) {
            out.println("dobby agent: the hub refused to register spoke " + options.id() + ": " + e.getMessage());
            return exitFor(e);
        } catch (HubUnreachableException e) {
            out.println("dobby agent: " + e.getMessage());
            return EXIT_UNREACHABLE;
        }
        gpus.start();
        var session = worker.session();
        out.println("spoke " + options.id() + " registered with " + client.baseUrl() + " ("
                + String.join(", ", HostCapabilities.describe(capabilities.get()))
                + (options.slurm() == null ? "" : "; Slurm jobs, at most " + options.slurm().maxJobs())
                + "; heartbeat "
                + session.heartbeatSeconds() + " s, lease " + session.leaseSeconds() + " s)");
        out.flush();
        done.await();
        return exitCode.get();
    }

    /** Finish what runs, take nothing new, then go offline. */
    private void drain() {
        if (worker == null || finishing.get()) {
            return;
        }
        int running = worker.runningAttempts().size();
        log.info("draining: {} task(s) still running; no new work will be taken (signal again to stop now)",
                running);
        worker.drain();
        try {
            worker.awaitIdle(Duration.ofDays(365));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // A stop during the drain ends it too; it is still a stop.
        finish(stopRequested.get() ? EXIT_STOPPED : EXIT_OK, stopRequested.get() ? "stopped" : "drained");
    }

    /** Kill running agents now; the hub re-queues their tasks. */
    private void stopNow() {
        if (worker == null) {
            done.countDown();
            return;
        }
        stopRequested.set(true);
        log.info("stopping now: running agents are killed and their tasks go back to the hub's queue");
        worker.stop(options.killGrace().plusSeconds(2));
        finish(EXIT_STOPPED, "stopped");
    }

    private void finish(int code, String why) {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        gpus.close();
        worker.stop(options.killGrace().plusSeconds(2));
        deregister();
        exitCode.set(code);
        log.info("spoke {} {}", options.id(), why);
        done.countDown();
    }

    /** Go offline at the hub, trying for a few seconds; after that the hub notices by itself. */
    private void deregister() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                client.deregister(options.id());
                return;
            } catch (RuntimeException e) {
                if (!Backoff.isTransient(e)) {
                    return;
                }
                Backoff.sleep(backoff.next());
            }
        }
        log.warn("could not tell the hub that spoke {} is going; it will notice within its lease", options.id());
    }

    private static int exitFor(RuntimeException e) {
        if (e instanceof ApiException api && (api.status() == 401 || api.status() == 403)) {
            return EXIT_UNAUTHORIZED;
        }
        return e instanceof HubUnreachableException ? EXIT_UNREACHABLE : EXIT_REFUSED;
    }
}
