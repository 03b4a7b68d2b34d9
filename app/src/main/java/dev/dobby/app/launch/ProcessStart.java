package dev.dobby.app.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * When this process started, to the hundredth of a second, for the start-up timings. On Linux the JDK's
 * {@code ProcessHandle.Info.startInstant()} adds the process's start (ticks since boot) to the boot time from
 * {@code /proc/stat}, which has whole seconds only, so it can be up to a second early; here the boot time comes
 * from {@code /proc/uptime}, which has hundredths.
 */
public final class ProcessStart {
    private static final double TICKS_PER_SECOND = 100.0;  // USER_HZ, 100 on every Linux the JDK runs on

    private ProcessStart() {
    }

    public static long epochMillis() {
        if (Files.isReadable(Path.of("/proc/self/stat"))) {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                // Fields after the command name, which is in parentheses and may hold spaces; starttime is field 22.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long startTicks = Long.parseLong(fields[19]);
                double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
                long now = System.currentTimeMillis();
                return now - Math.round((uptime - startTicks / TICKS_PER_SECOND) * 1000);
            } catch (IOException | RuntimeException e) {
                // fall through to the JDK's figure
            }
        }
        return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                .orElse(System.currentTimeMillis());
    }
}
