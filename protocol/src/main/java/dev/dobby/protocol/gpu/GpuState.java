package dev.dobby.protocol.gpu;

import java.util.List;

/**
 * One GPU as its worker last sampled it. Memory in MiB, power in watts; temperature and power are null where
 * the driver does not say.
 *
 * @param reservedFor tasks whose running attempts hold this GPU (filled in by the hub)
 */
public record GpuState(int index, String name, String uuid, int utilizationPercent, long memoryUsedMib,
                       long memoryTotalMib, Integer temperatureC, Double powerDrawW, Double powerLimitW,
                       List<GpuProcess> processes, List<Long> reservedFor) {
    public GpuState {
        processes = processes == null ? List.of() : List.copyOf(processes);
        reservedFor = reservedFor == null ? List.of() : List.copyOf(reservedFor);
    }

    public long memoryFreeMib() {
        return Math.max(0, memoryTotalMib - memoryUsedMib);
    }

    public GpuState withReservedFor(List<Long> tasks) {
        return new GpuState(index, name, uuid, utilizationPercent, memoryUsedMib, memoryTotalMib, temperatureC,
                powerDrawW, powerLimitW, processes, tasks);
    }
}
