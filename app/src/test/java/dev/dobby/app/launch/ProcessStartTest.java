package dev.dobby.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ProcessStartTest {
    @Test
    void theProcessStartedJustBeforeItsJvmNotUpToASecondEarlier() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long processStart = ProcessStart.epochMillis();
        // The launcher runs for some milliseconds before the JVM records its start; boot time rounded to whole
        // seconds would put the process start up to a second before it.
        assertThat(jvmStart - processStart).isBetween(-20L, 400L);
    }
}
