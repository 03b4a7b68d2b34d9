package dev.dobby.hub;

import dev.dobby.agent.runner.AgentBackend;
import dev.dobby.agent.runner.AgentRunner;
import dev.dobby.agent.runner.AttemptFolders;
import dev.dobby.agent.runner.Redactor;
import dev.dobby.agent.runner.git.WorktreeManager;
import dev.dobby.agent.worker.Worker;
import dev.dobby.hub.config.ConfigException;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.core.ArtifactStore;
import dev.dobby.hub.core.BatchCommands;
import dev.dobby.hub.core.BudgetGuard;
import dev.dobby.hub.core.Budgets;
import dev.dobby.hub.core.DispatchGate;
import dev.dobby.hub.core.PauseControl;
import dev.dobby.hub.core.Dispatcher;
import dev.dobby.hub.core.EventBus;
import dev.dobby.hub.core.Exporter;
import dev.dobby.hub.core.HubService;
import dev.dobby.hub.core.ProjectCommands;
import dev.dobby.hub.core.Queries;
import dev.dobby.hub.core.ScheduleCommands;
import dev.dobby.hub.core.Scheduler;
import dev.dobby.hub.core.StaleDetector;
import dev.dobby.hub.core.TaskCommands;
import dev.dobby.hub.core.Watchdog;
import dev.dobby.hub.core.WorkService;
import dev.dobby.hub.core.Workflows;
import dev.dobby.hub.core.webhook.WebhookSender;
import dev.dobby.hub.core.webhook.WebhookTargets;
import dev.dobby.hub.core.webhook.Webhooks;
import dev.dobby.hub.http.DispatchRoutes;
import dev.dobby.hub.http.HttpServer;
import dev.dobby.hub.http.SchedulingRoutes;
import dev.dobby.hub.http.SpokeRoutes;
import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.sqlite.SqliteStore;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.client.Backoff;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Dobby hub: queue, dispatch, store, HTTP API and the built-in local worker, in one object that can live inside
 * any JVM (the {@code dobby start} command, the desktop app, a test).
 *
 * <pre>{@code
 * Hub hub = Hub.builder().config(HubConfig.defaults(home)).build().start();
 * hub.api().createTask(...);
 * hub.stop();
 * }</pre>
 */
public final class Hub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    public static final String LOCAL_WORKER = "local";
    /** Waits before the 2nd, 3rd and 4th try of a webhook call, and how long one try may take. */
    private static final List<java.time.Duration> WEBHOOK_RETRY_DELAYS = List.of(java.time.Duration.ofSeconds(1),
            java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(60));
    private static final java.time.Duration WEBHOOK_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final HubConfig config;
    private final Clock clock;
    private final boolean automaticTicks;
    private final List<AgentBackend> backends;
    private final dev.dobby.agent.worker.WorkerSettings worker;
    private final List<String> extraSecrets;
    private final java.time.Duration eventKeepAlive;
    private final StoreOpener storeOpener;
    private final Object lifecycle = new Object();

    private Store store;
    private ArtifactStore artifacts;
    private Dispatcher dispatcher;
    private WorkService work;
    private Watchdog watchdog;
    private Scheduler scheduler;
    private StaleDetector staleDetector;
    private BudgetGuard budgetGuard;
    private Webhooks webhooks;
    private HubService service;
    private HttpServer http;
    private Worker localWorker;
    private dev.dobby.agent.gpu.GpuMonitor localGpus;
    private dev.dobby.hub.core.gpu.GpuService gpus;
    private final java.time.Duration gpuSampleInterval;
    private ScheduledExecutorService ticker;
    private State state = State.NEW;

    private enum State { NEW, RUNNING, STOPPED }

    private Hub(Builder builder) {
        this.config = builder.config;
        this.clock = builder.clock;
        this.automaticTicks = builder.automaticTicks;
        this.worker = builder.worker;
        this.backends = builder.backends == null ? builder.worker.backends() : List.copyOf(builder.backends);
        this.extraSecrets = List.copyOf(builder.secrets);
        this.eventKeepAlive = builder.eventKeepAlive;
        this.gpuSampleInterval = builder.gpuSampleInterval;
        this.storeOpener = builder.storeOpener;
    }

    /** Opens the hub's store; the default is the SQLite file at {@code db_path}. */
    @FunctionalInterface
    public interface StoreOpener {
        Store open(HubConfig config, java.util.function.Consumer<List<dev.dobby.protocol.event.HubEvent>> publisher);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Start in order: store (with migrations), recovery of the previous run, dispatch, watchdog, local worker, HTTP.
     * Stop: local worker, dispatch (answering waiting polls), HTTP, watchdog, store.
     * A failure part-way stops whatever had started and rethrows.
     */
    public Hub start() {
        synchronized (lifecycle) {
            if (state != State.NEW) {
                throw new IllegalStateException("a hub starts once; build a new one");
            }
            if (!config.loopbackOnly() && !config.hasApiKey()) {
                throw new ConfigException("refusing to listen on " + config.host()
                        + " without an api_key: anyone who can reach it could run commands on this machine."
                        + " Set api_key (or DOBBY_API_KEY), or listen on 127.0.0.1");
            }
            try {
                startParts();
                state = State.RUNNING;
            } catch (RuntimeException e) {
                state = State.RUNNING;
                stop();
                throw e;
            }
            log.info("Dobby hub listening on http://{}:{} (data in {})", config.host(), http.port(), config.home());
            return this;
        }
    }

    private void startParts() {
        try {
            Files.createDirectories(config.resultsDir());
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot create results_dir " + config.resultsDir() + ": " + e.getMessage());
        }
        EventBus bus = new EventBus();
        store = storeOpener.open(config, bus::publish);
        artifacts = new ArtifactStore(config.resultsDir(), store);
        dev.dobby.hub.core.WorkerRegistry workers = new dev.dobby.hub.core.WorkerRegistry();
        dispatcher = new Dispatcher(store, workers, clock,
                Dispatcher.acceptWindow(config.leaseTimeout(), config.heartbeatInterval()));
        work = new WorkService(store, workers, dispatcher, artifacts, clock, config.leaseTimeout(),
                config.heartbeatInterval(), config.maxLogLinesPerAttempt());
        // The local worker's attempts that outlived the previous run (their agents still running under their
        // supervisors, or ended meanwhile) are taken up again; recovery settles only the others.
        AgentRunner localRunner = config.maxConcurrentAgents() > 0 ? localRunner() : null;
        List<AttemptFolders.Survivor> survivors = localRunner == null ? List.of() : localRunner.survivors();
        dev.dobby.hub.core.Recovery.run(store, workers, work, clock, config.leaseTimeout(), LOCAL_WORKER,
                survivors.stream().map(AttemptFolders.Survivor::attemptId).collect(java.util.stream.Collectors.toSet()));
        TaskCommands tasks = new TaskCommands(store, dispatcher, work, clock, config.defaultTimeout());
        ZoneId zone = ZoneId.systemDefault();
        Budgets budgets = new Budgets(config.dailyBudgetUsd(), config.monthlyBudgetUsd(), clock, zone);
        DispatchGate gate = new DispatchGate(new PauseControl(store, work, dispatcher, clock, zone), budgets, zone);
        dispatcher.gate(gate);
        // A worker stops an agent over its cost cap itself; the hub steps in only if it has not after this long.
        budgetGuard = new BudgetGuard(store, work, dispatcher, budgets, clock, zone,
                config.killGrace().plus(config.heartbeatInterval().multipliedBy(2)).plusSeconds(10));
        Workflows workflows = new Workflows(store, new ScheduleCommands(store, tasks, clock, zone), new Exporter(store));
        service = new HubService(store, bus, tasks, new BatchCommands(store, tasks, dispatcher, clock),
                new ProjectCommands(store, dispatcher, clock), new Queries(store, workers, clock, gate), artifacts, clock,
                version(), workflows);
        service.gate(gate);
        gpus = new dev.dobby.hub.core.gpu.GpuService(store, workers,
                new dev.dobby.hub.core.gpu.JobTracker(store, workers, clock, LOCAL_WORKER), clock, gpuSampleInterval,
                config.gpuPollInterval());
        gpus.onReservableChange(dispatcher::wake);
        dispatcher.gpus(gpus);
        service.gpus(gpus);
        service.sessions(new dev.dobby.hub.core.SessionCommands(store, tasks, workers));
        dev.dobby.hub.core.Enrolments enrolments = new dev.dobby.hub.core.Enrolments(store, clock);
        service.enrolments(enrolments);
        watchdog = new Watchdog(store, work, workers, dispatcher, clock, config.leaseTimeout());
        scheduler = new Scheduler(store, tasks, dispatcher, clock, zone);
        staleDetector = new StaleDetector(store, work, dispatcher, clock, config.staleTimeout());
        webhooks = new Webhooks(store, new WebhookSender(new WebhookTargets(config.webhookAllowPrivate()),
                WEBHOOK_RETRY_DELAYS, WEBHOOK_TIMEOUT), clock, config.webhookUrl(), config.hubUrl()).start();
        if (automaticTicks) {
            ticker = Executors.newSingleThreadScheduledExecutor(r ->
                    Thread.ofPlatform().name("dobby-watchdog").daemon().unstarted(r));
            ticker.scheduleWithFixedDelay(this::tickParts, 1, 1, TimeUnit.SECONDS);
        }
        if (localRunner != null) {
            localWorker = startLocalWorker(localRunner, survivors);
        }
        http = new HttpServer(config, service, artifacts, clock, eventKeepAlive);
        http.mount(new dev.dobby.hub.http.DashboardRoutes(config));
        http.mount(new SchedulingRoutes(service));
        http.mount(new SpokeRoutes(work, config, LOCAL_WORKER, gpus, enrolments));
        http.mount(new dev.dobby.hub.http.GpuRoutes(service, clock));
        http.mount(new DispatchRoutes(service));
        http.mount(new dev.dobby.hub.http.SlackRoutes(service));
        http.mount(new dev.dobby.hub.http.SessionRoutes(service));
        http.mount(new dev.dobby.hub.http.DeployRoutes(service));
        http.start();
        if (localRunner != null) {
            // Agents reach the hub (dobby track) where it listens, whatever hub_url says people reach it at.
            localRunner.hubUrl("http://" + config.host() + ":" + http.port());
        }
    }

    private AgentRunner localRunner() {
        List<String> secrets = new ArrayList<>(extraSecrets);
        if (config.hasApiKey()) {
            secrets.add(config.apiKey());
        }
        return new AgentRunner(LOCAL_WORKER, backends, Redactor.fromEnvironment(System.getenv(), secrets),
                config.killGrace(), config.resultsDir(),
                new WorktreeManager(config.home().resolve("worktrees"), worker.worktreeRetention(), clock),
                config.home().resolve("attempts"), clock);
    }

    private Worker startLocalWorker(AgentRunner runner, List<AttemptFolders.Survivor> survivors) {
        List<Backend> backendsFound = runner.availableBackends();
        LocalWorkApi api = new LocalWorkApi(work, gpus);
        Worker[] started = new Worker[1];
        localGpus = new dev.dobby.agent.gpu.GpuMonitor(api, LOCAL_WORKER, worker.env().get("PATH"),
                () -> started[0] == null ? java.util.Map.of() : started[0].agentProcesses(), clock);
        localGpus.sampleNow();
        dev.dobby.agent.gpu.GpuMonitor monitor = localGpus;
        Supplier<Spoke.Capabilities> capabilities = () -> new Spoke.Capabilities(backendsFound, List.of(),
                System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(),
                config.maxConcurrentAgents(), monitor.inventory());
        Worker local = new Worker(api, runner, LOCAL_WORKER, capabilities,
                config.killGrace(), Backoff.standard());
        started[0] = local;
        work.onAttemptStopped(attempt -> {
            if (attempt.worker().equals(LOCAL_WORKER)) {
                local.stopAttempt(attempt.id(), "stopped by the hub");
            }
        });
        local.start(survivors);
        localGpus.start();
        return local;
    }

    /** Stop, within about {@code killGrace} + a few seconds. Safe to call twice. */
    public void stop() {
        synchronized (lifecycle) {
            if (state != State.RUNNING) {
                state = State.STOPPED;
                return;
            }
            state = State.STOPPED;
            if (localGpus != null) {
                localGpus.close();
            }
            if (localWorker != null) {
                // Agents are stopped and their tasks left running in the store: the next start re-queues them,
                // exactly as after a crash, so there is one recovery path to trust.
                localWorker.abandonAll();
                localWorker.stop(config.killGrace().plusSeconds(2));
            }
            // Before HTTP: closing the dispatcher answers the spokes' waiting polls, which needs live connections.
            closeQuietly(dispatcher);
            closeQuietly(http);
            if (ticker != null) {
                ticker.shutdownNow();
            }
            closeQuietly(webhooks);
            closeQuietly(artifacts);
            closeQuietly(store);
            log.info("Dobby hub stopped");
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static String version() {
        String version = Hub.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    // ---- what embedders use

    public HubApi api() {
        return service();
    }

    public HubService service() {
        requireRunning();
        return service;
    }

    public WorkService work() {
        requireRunning();
        return work;
    }

    /** The bound HTTP port (the configured one, or the one chosen for port 0). */
    public int port() {
        requireRunning();
        return http.port();
    }

    /** Where clients reach this hub from this machine. */
    public URI localUrl() {
        String host = config.loopbackOnly() ? config.host() : "127.0.0.1";
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    public HubConfig config() {
        return config;
    }

    /**
     * Pause or resume dispatch: while paused no new task starts; running ones go on. This is the kill switch of
     * {@code dobby pause} (kept in the store, shown in waiting reasons); resuming lifts every pause.
     */
    public void pauseDispatch(boolean paused) {
        requireRunning();
        if (paused) {
            service.pause(new dev.dobby.protocol.PauseRequest(null, null, "the desktop app"));
        } else {
            dispatcher.setPaused(false);
            service.unpause(dev.dobby.protocol.PauseRequest.hub());
        }
    }

    public boolean isDispatchPaused() {
        requireRunning();
        return dispatcher.isPaused() || service.pauseState().paused();
    }

    /** Run the hub's timers once now: watchdog, stale detection, schedules (tests step their clock, then call this). */
    public void tick() {
        requireRunning();
        tickParts();
    }

    private void tickParts() {
        watchdog.tick();
        staleDetector.tick();
        scheduler.tick();
        budgetGuard.tick();
        gpus.tick();
    }

    public boolean isRunning() {
        synchronized (lifecycle) {
            return state == State.RUNNING;
        }
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("the hub is not running");
        }
    }

    /** How a hub is put together. */
    public static final class Builder {
        private HubConfig config = HubConfig.defaults(Path.of(System.getProperty("user.home"), ".dobby"));
        private Clock clock = Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1));
        private boolean automaticTicks = true;
        private List<AgentBackend> backends;
        private dev.dobby.agent.worker.WorkerSettings worker = dev.dobby.agent.worker.WorkerSettings.fromEnvironment();
        private final List<String> secrets = new ArrayList<>();
        private java.time.Duration eventKeepAlive = java.time.Duration.ofSeconds(15);
        private java.time.Duration gpuSampleInterval = java.time.Duration.ofSeconds(10);

        /** How often workers sample their GPUs for the live views (default 10 s). */
        public Builder gpuSampleInterval(java.time.Duration value) {
            this.gpuSampleInterval = value;
            return this;
        }

        private StoreOpener storeOpener = (config, publisher) -> SqliteStore.open(config.dbPath(), publisher);

        public Builder config(HubConfig value) {
            this.config = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Off: the watchdog runs only when {@link Hub#tick()} is called (for tests with a stepped clock). */
        public Builder automaticTicks(boolean value) {
            this.automaticTicks = value;
            return this;
        }

        /** Replace the backends the local worker can run. */
        public Builder backends(List<AgentBackend> value) {
            this.backends = List.copyOf(value);
            return this;
        }

        /** How the local worker finds and runs agents (default: from the environment). */
        public Builder worker(dev.dobby.agent.worker.WorkerSettings value) {
            this.worker = value;
            return this;
        }

        /** Values to mask in agent output besides the usual secret variables. */
        public Builder secret(String value) {
            secrets.add(value);
            return this;
        }

        /** How long an idle event stream waits before a keep-alive comment (default 15 s). */
        public Builder eventKeepAlive(java.time.Duration value) {
            this.eventKeepAlive = value;
            return this;
        }

        /** Keep the hub's data elsewhere than the SQLite file (a team hub's PostgreSQL: see {@link TeamHub}). */
        public Builder store(StoreOpener value) {
            this.storeOpener = value;
            return this;
        }

        public Hub build() {
            return new Hub(this);
        }
    }
}
