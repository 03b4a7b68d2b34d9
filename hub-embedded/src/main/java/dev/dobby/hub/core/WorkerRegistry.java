package dev.dobby.hub.core;

import dev.dobby.hub.store.SpokeRecord;
import dev.dobby.protocol.Spoke;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The workers the hub knows, kept in memory for dispatch; the store has the durable copy. */
public final class WorkerRegistry {
    private final Map<String, SpokeRecord> workers = new ConcurrentHashMap<>();

    public void load(Collection<SpokeRecord> stored) {
        stored.forEach(w -> workers.put(w.id(), w));
    }

    public void put(SpokeRecord worker) {
        workers.put(worker.id(), worker);
    }

    public Optional<SpokeRecord> get(String id) {
        return Optional.ofNullable(workers.get(id));
    }

    public List<SpokeRecord> all() {
        return List.copyOf(workers.values());
    }

    public List<SpokeRecord> online() {
        return workers.values().stream().filter(w -> w.state() == Spoke.State.ONLINE).toList();
    }

    public SpokeRecord touch(String id, Instant at) {
        return workers.computeIfPresent(id, (k, w) -> new SpokeRecord(w.id(), w.tokenHash(), w.local(), w.state(),
                w.capabilities(), w.registeredAt(), at));
    }

    public SpokeRecord setState(String id, Spoke.State state) {
        return workers.computeIfPresent(id, (k, w) -> new SpokeRecord(w.id(), w.tokenHash(), w.local(), state,
                w.capabilities(), w.registeredAt(), w.lastHeartbeat()));
    }
}
