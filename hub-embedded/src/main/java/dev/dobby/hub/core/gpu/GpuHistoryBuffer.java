package dev.dobby.hub.core.gpu;

import dev.dobby.protocol.gpu.GpuSeries;
import java.util.Arrays;

/**
 * One GPU's history on the hub: a point per minute for the last 7 days, and a point per hour for 90 days before
 * that. Held in memory only (see docs/decisions/0005-gpu-monitoring.md): a restarted hub starts a new history.
 */
final class GpuHistoryBuffer {
    private final HistoryTier minutes = new HistoryTier(60, 24 * 60, 8);
    private final HistoryTier hours = new HistoryTier(3600, 24 * 30, 4);
    volatile String name;
    volatile long memoryTotalMib;

    synchronized void add(long epochSecond, int utilization, long memoryMib) {
        minutes.add(epochSecond, utilization, memoryMib);
        hours.add(epochSecond, utilization, memoryMib);
    }

    /** Points from {@code since} up to {@code now}: hourly ones where minutes are no longer kept, then minutes. */
    synchronized GpuSeries read(String worker, int gpu, long sinceSecond, long nowSecond) {
        Points points = new Points();
        long minutesFrom = nowSecond - minutes.spanSeconds() + 60;
        if (sinceSecond < minutesFrom) {
            hours.read(sinceSecond, Math.min(minutesFrom, nowSecond + 1), points);
        }
        minutes.read(Math.max(sinceSecond, minutesFrom), nowSecond + 1, points);
        return new GpuSeries(worker, gpu, name, memoryTotalMib, minutes.slotSeconds, points.trimmedT(),
                points.trimmedUtil(), points.trimmedMem());
    }

    long bytes() {
        return minutes.bytes() + hours.bytes() + 64;
    }

    private static final class Points implements HistoryTier.PointSink {
        long[] t = new long[64];
        int[] util = new int[64];
        long[] mem = new long[64];
        int n;

        @Override
        public void point(long epochSecond, int utilization, long memoryMib) {
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                util = Arrays.copyOf(util, n * 2);
                mem = Arrays.copyOf(mem, n * 2);
            }
            t[n] = epochSecond;
            util[n] = utilization;
            mem[n] = memoryMib;
            n++;
        }

        long[] trimmedT() {
            return Arrays.copyOf(t, n);
        }

        int[] trimmedUtil() {
            return Arrays.copyOf(util, n);
        }

        long[] trimmedMem() {
            return Arrays.copyOf(mem, n);
        }
    }
}
