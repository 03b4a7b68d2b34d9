package dev.dobby.protocol.gpu;

/**
 * One GPU's history: parallel arrays, oldest first, one point per {@code stepSeconds} (gaps left out).
 *
 * @param t    each point's time, in seconds since the epoch
 * @param util mean utilisation over the point's interval, percent
 * @param mem  mean memory used over the point's interval, MiB
 */
public record GpuSeries(String worker, int gpu, String name, long memoryTotalMib, int stepSeconds, long[] t,
                        int[] util, long[] mem) {
}
