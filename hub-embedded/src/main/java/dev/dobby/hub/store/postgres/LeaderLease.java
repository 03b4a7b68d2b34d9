package dev.dobby.hub.store.postgres;

import dev.dobby.hub.store.sqlite.JdbiStore;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of the hubs sharing a PostgreSQL database leads: one row holding the leader, the address clients reach it
 * at, when its lease runs out (by the database's clock, so the hubs' clocks do not matter) and a fencing epoch
 * that goes up by one at every takeover. The leader renews the lease every few seconds; a standby takes it once it
 * has run out. Every write transaction of the leader's store first checks the epoch under a share lock
 * ({@link #fence(long)}): a takeover waits for the old leader's transaction in flight, and after it, anything the
 * old leader tries is refused.
 */
public final class LeaderLease implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

    private final Jdbi jdbi;
    private final String holder;
    private final String url;
    private final Duration ttl;
    private Handle handle;

    /** Thrown by a write of a hub that no longer leads; the client is told 503 and tries another hub. */
    public static final class NotLeaderException extends dev.dobby.protocol.ApiException {
        public NotLeaderException(String message) {
            super(503, message);
        }
    }

    /** Who leads now, as far as the row says. */
    public record Leader(long epoch, String holder, String url, boolean live) {
    }

    /**
     * @param holder this hub's name in the row (unique per process)
     * @param url    where clients reach this hub, told to them by the standbys
     */
    public LeaderLease(PostgresUrl database, String holder, String url, Duration ttl) {
        this.jdbi = Jdbi.create(database.jdbcUrl(), database.properties());
        this.holder = holder;
        this.url = url;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    private synchronized <T> T withHandle(java.util.function.Function<Handle, T> work) {
        try {
            if (handle == null) {
                handle = jdbi.open();
                handle.execute("CREATE TABLE IF NOT EXISTS hub_lease (id INTEGER PRIMARY KEY, epoch BIGINT NOT NULL, "
                        + "holder TEXT, url TEXT, expires_at TIMESTAMPTZ NOT NULL)");
                handle.execute("INSERT INTO hub_lease (id, epoch, expires_at) VALUES (1, 0, now()) "
                        + "ON CONFLICT DO NOTHING");
            }
            return work.apply(handle);
        } catch (RuntimeException e) {
            // The next call opens a fresh connection: the database may have restarted, or the network healed.
            closeHandle();
            throw e;
        }
    }

    /** Take the lease if it has run out (or was never held); the new epoch if taken. */
    public Optional<Long> tryAcquire() {
        return withHandle(h -> h.createQuery("""
                        UPDATE hub_lease SET epoch = epoch + 1, holder = :holder, url = :url,
                            expires_at = now() + make_interval(secs => :ttl)
                        WHERE id = 1 AND expires_at < now()
                        RETURNING epoch""")
                .bind("holder", holder).bind("url", url).bind("ttl", ttl.toMillis() / 1000.0)
                .mapTo(Long.class).findOne());
    }

    /** Extend the lease held with {@code epoch}; false if another hub has taken it meanwhile. */
    public boolean renew(long epoch) {
        return withHandle(h -> h.createUpdate("UPDATE hub_lease SET expires_at = now() + make_interval(secs => :ttl) "
                        + "WHERE id = 1 AND epoch = :epoch")
                .bind("ttl", ttl.toMillis() / 1000.0).bind("epoch", epoch).execute() == 1);
    }

    /** Let the lease go at a clean stop, so that a standby need not wait for it to run out. */
    public void release(long epoch) {
        withHandle(h -> h.createUpdate("UPDATE hub_lease SET expires_at = now() - interval '1 second' "
                + "WHERE id = 1 AND epoch = :epoch").bind("epoch", epoch).execute());
    }

    public Optional<Leader> leader() {
        return withHandle(h -> h.createQuery("SELECT epoch, holder, url, expires_at > now() AS live FROM hub_lease "
                        + "WHERE id = 1")
                .map((rs, ctx) -> new Leader(rs.getLong("epoch"), rs.getString("holder"), rs.getString("url"),
                        rs.getBoolean("live")))
                .findOne());
    }

    /** The check every write transaction of the leader holding {@code epoch} starts with. */
    public static JdbiStore.Fence fence(long epoch) {
        return handle -> {
            long current = handle.createQuery("SELECT epoch FROM hub_lease WHERE id = 1 FOR SHARE")
                    .mapTo(Long.class).one();
            if (current != epoch) {
                throw new NotLeaderException("this hub no longer leads (its epoch is " + epoch + ", the lease's "
                        + current + "): another hub took over");
            }
        };
    }

    private synchronized void closeHandle() {
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException e) {
                log.debug("closing the lease connection failed", e);
            }
            handle = null;
        }
    }

    @Override
    public void close() {
        closeHandle();
    }
}
