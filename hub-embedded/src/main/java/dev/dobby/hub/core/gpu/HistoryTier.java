package dev.dobby.hub.core.gpu;

/**
 * One resolution of a GPU's history: a ring of fixed-width slots (mean utilisation and memory per slot), kept in
 * chunks that are allocated only when written to, so a GPU seen for an hour costs one chunk, not a week. Each
 * slot takes 3 bytes: utilisation as a byte (255: no data) and memory in units of 4 MiB as a char.
 */
final class HistoryTier {
    private static final byte GAP = (byte) 0xFF;
    static final int MIB_PER_UNIT = 4;

    final int slotSeconds;
    private final int slotsPerChunk;
    private final byte[][] util;
    private final char[][] mem;
    private final long[] chunkNumber;
    // The slot being filled now: the mean of its samples so far.
    private long openSlot = Long.MIN_VALUE;
    private int sumUtil;
    private long sumMem;
    private int samples;

    HistoryTier(int slotSeconds, int slotsPerChunk, int chunks) {
        this.slotSeconds = slotSeconds;
        this.slotsPerChunk = slotsPerChunk;
        this.util = new byte[chunks][];
        this.mem = new char[chunks][];
        this.chunkNumber = new long[chunks];
        java.util.Arrays.fill(chunkNumber, -1);
    }

    /** How far back this tier reaches. */
    long spanSeconds() {
        return (long) slotSeconds * slotsPerChunk * (util.length - 1);
    }

    void add(long epochSecond, int utilization, long memoryMib) {
        long slot = Math.floorDiv(epochSecond, slotSeconds);
        if (slot != openSlot) {
            close();
            openSlot = slot;
        }
        sumUtil += utilization;
        sumMem += memoryMib;
        samples++;
    }

    private void close() {
        if (samples == 0 || openSlot == Long.MIN_VALUE) {
            return;
        }
        int c = chunkFor(openSlot, true);
        int i = (int) Math.floorMod(openSlot, (long) slotsPerChunk);
        util[c][i] = (byte) Math.round((float) sumUtil / samples);
        mem[c][i] = (char) Math.min(Character.MAX_VALUE - 1, Math.round((double) sumMem / samples / MIB_PER_UNIT));
        sumUtil = 0;
        sumMem = 0;
        samples = 0;
    }

    private int chunkFor(long slot, boolean forWriting) {
        long number = Math.floorDiv(slot, slotsPerChunk);
        int c = (int) Math.floorMod(number, (long) util.length);
        if (chunkNumber[c] != number) {
            if (!forWriting) {
                return -1;
            }
            if (util[c] == null) {
                util[c] = new byte[slotsPerChunk];
                mem[c] = new char[slotsPerChunk];
            }
            java.util.Arrays.fill(util[c], GAP);
            chunkNumber[c] = number;
        }
        return c;
    }

    interface PointSink {
        void point(long epochSecond, int utilization, long memoryMib);
    }

    /** Every point from {@code fromSecond} (inclusive) to {@code toSecond} (exclusive), oldest first. */
    void read(long fromSecond, long toSecond, PointSink sink) {
        long first = Math.floorDiv(fromSecond + slotSeconds - 1, slotSeconds);
        long last = Math.floorDiv(toSecond - 1, slotSeconds);
        for (long slot = first; slot <= last; slot++) {
            if (slot == openSlot && samples > 0) {
                sink.point(slot * slotSeconds, Math.round((float) sumUtil / samples), sumMem / samples);
                continue;
            }
            int c = chunkFor(slot, false);
            if (c < 0) {
                // a chunk without data: skip to its end, or to the slot being filled if that comes first
                long end = (Math.floorDiv(slot, slotsPerChunk) + 1) * slotsPerChunk - 1;
                slot = openSlot > slot && openSlot <= end ? openSlot - 1 : end;
                continue;
            }
            int i = (int) Math.floorMod(slot, (long) slotsPerChunk);
            if (util[c][i] != GAP) {
                sink.point(slot * slotSeconds, util[c][i] & 0xFF, (long) mem[c][i] * MIB_PER_UNIT);
            }
        }
    }

    /** Bytes held, for the benchmark. */
    long bytes() {
        long total = 0;
        for (byte[] chunk : util) {
            total += chunk == null ? 0 : chunk.length * 3L + 32;
        }
        return total;
    }
}
