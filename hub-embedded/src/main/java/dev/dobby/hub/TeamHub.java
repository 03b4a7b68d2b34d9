package dev.dobby.hub;

import dev.dobby.agent.worker.WorkerSettings;
import dev.dobby.hub.config.HubConfig;
import dev.dobby.hub.http.StandbyServer;
import dev.dobby.hub.store.postgres.LeaderLease;
import dev.dobby.hub.store.postgres.PostgresStore;
import dev.dobby.hub.store.postgres.PostgresUrl;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub on a shared PostgreSQL database, one of several: while another leads it stands by (its address answers
 * with a redirect or a 503 naming the leader); once the leader's lease runs out it takes the lease with a higher
 * epoch and starts a full {@link Hub} on the same address, which recovers in-flight attempts exactly as a
 * restarted hub does. A leader that loses its lease (another hub took it, or it could not reach the database for a
 * whole lease) stops its hub at once and stands by again; the epoch fence refuses anything it still tries to
 * write. Team hubs run no built-in worker: work runs on spokes, which carry on through a change of leader.
 */
public final class TeamHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TeamHub.class);
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);
    private static final Duration STANDBY_POLL = Duration.ofSeconds(1);

    private final HubConfig config;
    private final WorkerSettings worker;
    private final PostgresUrl database;
    private final Duration leaseTtl;
    private final String holder = UUID.randomUUID().toString();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Object lock = new Object();
    private LeaderLease lease;
    private StandbyServer standby;
    private Hub hub;
    private long epoch;
    private int port;
    private volatile String leaderUrl;
    private Thread loop;

    public TeamHub(HubConfig config, WorkerSettings worker, PostgresUrl database, Duration leaseTtl) {
        if (config.maxConcurrentAgents() > 0) {
            log.info("a team hub runs no built-in worker (max_concurrent_agents is ignored): start spokes for the work");
        }
        // A spoke that hears from no hub for its attempts' lease stops them and drops what they did: the
        // takeover (a leader lease, a poll, a hub start) must fit well inside that.
        if (leaseTtl.multipliedBy(2).compareTo(config.leaseTimeout()) > 0) {
            log.warn("leader lease {} s is long against lease_timeout {} s: spokes may give up their attempts during"
                    + " a takeover; keep it under half", leaseTtl.toSeconds(), config.leaseTimeout().toSeconds());
        }
        this.config = config.withMaxConcurrentAgents(0);
        this.worker = worker;
        this.database = database;
        this.leaseTtl = leaseTtl;
    }

    /** Bind the address (as a standby at first) and start contending for the lease. */
    public TeamHub start() {
        synchronized (lock) {
            standby = new StandbyServer(config, () -> leaderUrl);
            port = standby.start();
            lease = new LeaderLease(database, holder, advertisedUrl(), leaseTtl);
            loop = Thread.ofPlatform().name("dobby-leadership").daemon().start(this::run);
            log.info("Dobby team hub on http://{}:{} (database {}), standing by until it leads", config.host(), port,
                    database);
            return this;
        }
    }

    private String advertisedUrl() {
        if (config.hubUrl() != null && !config.hubUrl().isBlank()) {
            return config.hubUrl().replaceAll("/+$", "");
        }
        String host = config.loopbackOnly() ? config.host() : "127.0.0.1";
        return "http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private void run() {
        long lastRenewed = 0;
        while (stopping.getCount() > 0) {
            Duration pause = STANDBY_POLL;
            try {
                if (leading()) {
                    if (lease.renew(epoch)) {
                        lastRenewed = System.nanoTime();
                    } else {
                        stepDown("another hub took the lease");
                    }
                    pause = leaseTtl.dividedBy(3);
                } else {
                    Optional<Long> taken = lease.tryAcquire();
                    if (taken.isPresent()) {
                        lead(taken.get());
                        lastRenewed = System.nanoTime();
                    } else {
                        leaderUrl = lease.leader().filter(LeaderLease.Leader::live).map(LeaderLease.Leader::url)
                                .orElse(null);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("leadership: {}", e.getMessage());
                // A leader that cannot prove it still holds the lease must stop before a standby may take it.
                if (leading() && System.nanoTime() - lastRenewed > leaseTtl.minus(leaseTtl.dividedBy(4)).toNanos()) {
                    stepDown("the database could not be reached for most of a lease");
                }
            }
            try {
                if (stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean leading() {
        synchronized (lock) {
            return hub != null;
        }
    }

    private void lead(long newEpoch) {
        synchronized (lock) {
            if (stopping.getCount() == 0) {
                lease.release(newEpoch);
                return;
            }
            log.info("this hub leads now (epoch {})", newEpoch);
            epoch = newEpoch;
            leaderUrl = advertisedUrl();
            standby.close();
            try {
                hub = Hub.builder().config(config.withPort(port)).worker(worker)
                        .store((c, publisher) -> PostgresStore.open(database, LeaderLease.fence(newEpoch), publisher))
                        .build().start();
            } catch (RuntimeException e) {
                log.error("starting as the leader failed; standing by again", e);
                hub = null;
                lease.release(newEpoch);
                standby = new StandbyServer(config.withPort(port), () -> leaderUrl);
                standby.start();
                throw e;
            }
        }
    }

    private void stepDown(String why) {
        synchronized (lock) {
            log.error("this hub no longer leads: {}; standing by", why);
            leaderUrl = null;
            Hub stopped = hub;
            hub = null;
            stopped.stop();
            standby = new StandbyServer(config.withPort(port), () -> leaderUrl);
            standby.start();
        }
    }

    /** The full hub while this one leads. */
    public Optional<Hub> hub() {
        synchronized (lock) {
            return Optional.ofNullable(hub);
        }
    }

    public boolean isLeader() {
        return leading();
    }

    public long epoch() {
        synchronized (lock) {
            return epoch;
        }
    }

    public int port() {
        return port;
    }

    public URI localUrl() {
        return URI.create(advertisedUrl());
    }

    /** Stop serving; a leader lets its lease go so that a standby takes over at once. */
    @Override
    public void close() {
        stopping.countDown();
        if (loop != null) {
            try {
                loop.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            if (hub != null) {
                hub.stop();
                try {
                    lease.release(epoch);
                } catch (RuntimeException e) {
                    log.warn("letting the lease go failed: {}", e.getMessage());
                }
                hub = null;
            }
            if (standby != null) {
                standby.close();
            }
            if (lease != null) {
                lease.close();
            }
        }
    }
}
