package dev.dobby.hub.core;

import dev.dobby.hub.store.ReadTx;
import dev.dobby.protocol.Stats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** GET /stats: the store's totals, with usage per project and per day of the last {@link Stats#DAYS} days. */
final class StatsReport {
    private StatsReport() {
    }

    static Stats of(ReadTx tx, Instant now, ZoneId zone) {
        Stats totals = tx.stats();
        Instant since = LocalDate.ofInstant(now, zone).minusDays(Stats.DAYS - 1L).atStartOfDay(zone).toInstant();
        return new Stats(totals.tasks(), totals.byStatus(), totals.byProject(), totals.tokensIn(), totals.tokensOut(),
                totals.costUsd(), totals.avgDurationSeconds(), zone.getId(), tx.usageByProject(), tx.days(since, zone));
    }
}
