package dev.dobby.hub.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.gpu.GpuSeries;
import org.junit.jupiter.api.Test;

/** A GPU's history: means per minute, gaps left out, hours beyond the week of minutes, the open minute shown. */
class GpuHistoryBufferTest {
    static final long T0 = 1_800_000_000L / 86_400 * 86_400;

    @Test
    void samplesOfAMinuteAreAveragedAndTheMinuteBeingFilledIsShown() {
        GpuHistoryBuffer buffer = new GpuHistoryBuffer();
        buffer.add(T0, 10, 1000);
        buffer.add(T0 + 30, 30, 3000);
        GpuSeries open = buffer.read("w", 0, T0 - 3600, T0 + 40);
        assertThat(open.t()).containsExactly(T0);
        assertThat(open.util()).containsExactly(20);
        assertThat(open.mem()).containsExactly(2000L);

        buffer.add(T0 + 185, 90, 8000);
        GpuSeries later = buffer.read("w", 0, T0 - 3600, T0 + 190);
        assertThat(later.t()).as("the minutes without samples are gaps").containsExactly(T0, T0 + 180);
        assertThat(later.util()).containsExactly(20, 90);
        assertThat(later.mem()).containsExactly(2000L, 8000L);
    }

    @Test
    void beyondAWeekOnlyHourlyPointsAreKept() {
        GpuHistoryBuffer buffer = new GpuHistoryBuffer();
        for (long t = T0; t < T0 + 9 * 86_400; t += 600) {
            buffer.add(t, (int) ((t - T0) / 86_400) * 10, 4096);
        }
        long now = T0 + 9 * 86_400;
        GpuSeries all = buffer.read("w", 0, T0, now);
        // Days 0 and 1 (and the first minute of day 2) as hours, the last week as a point every 10 minutes.
        assertThat(all.t()[0]).isEqualTo(T0);
        assertThat(all.t()[1] - all.t()[0]).isEqualTo(3600);
        assertThat(all.t()[all.t().length - 1] - all.t()[all.t().length - 2]).isEqualTo(600);
        assertThat(all.util()[0]).isZero();
        assertThat(all.util()[all.util().length - 1]).isEqualTo(80);
        assertThat(all.mem()).containsOnly(4096L);
        long[] t = all.t();
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThan(t[i - 1]);
        }
    }
}
