package dev.dobby.agent.spoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.Spoke;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuProbeTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatNvidiaSmiPrintsAndSkipsWhatItCannotRead() {
        String output = """
                0, NVIDIA A100-SXM4-80GB, 81920, 40960, 87
                1, NVIDIA A100-SXM4-80GB, 81920, [N/A], [Not Supported]
                2, Tesla T4, with, commas, 15360, 12, 3
                x, broken, 1, 2, 3
                Failed to initialize NVML: Driver/library version mismatch
                3, , 1, 2, 3

                """;
        assertThat(GpuProbe.parse(output)).containsExactly(
                new Spoke.Gpu(0, "NVIDIA A100-SXM4-80GB", 81920, 40960, 87),
                new Spoke.Gpu(1, "NVIDIA A100-SXM4-80GB", 81920, 0, 0),
                new Spoke.Gpu(2, "Tesla T4, with, commas", 15360, 12, 3));
    }

    @Test
    void noNvidiaSmiOrAFailingOneMeansNoGpus() throws Exception {
        assertThat(new GpuProbe(dir.toString()).probe()).isEmpty();
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\necho 'NVIDIA-SMI has failed' ; exit 9\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(new GpuProbe(dir.toString()).probe()).isEmpty();
    }

    @Test
    void runsTheNvidiaSmiItFindsOnThePath() throws Exception {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\necho \"$1\" >&2\necho '0, NVIDIA H100 PCIe, 81559, 7, 1'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(new GpuProbe("/nonexistent:" + dir).probe())
                .containsExactly(new Spoke.Gpu(0, "NVIDIA H100 PCIe", 81559, 7, 1));
    }

    @Test
    void aPolledProbeAsksNvidiaSmiAgainOnlyOnceItsIntervalHasPassed() throws Exception {
        Path count = dir.resolve("count");
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\necho x >> '" + count + "'\necho \"0, GPU, 100, $(wc -l < '" + count
                + "'), 0\"\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        Supplier<List<Spoke.Gpu>> hourly = new GpuProbe(dir.toString())
                .every(Duration.ofHours(1));
        assertThat(hourly.get()).extracting(Spoke.Gpu::memoryUsedMib).containsExactly(1L);
        assertThat(hourly.get()).extracting(Spoke.Gpu::memoryUsedMib).containsExactly(1L);
        Supplier<List<Spoke.Gpu>> always = new GpuProbe(dir.toString())
                .every(Duration.ZERO);
        assertThat(always.get()).extracting(Spoke.Gpu::memoryUsedMib).containsExactly(2L);
        assertThat(always.get()).extracting(Spoke.Gpu::memoryUsedMib).containsExactly(3L);
    }
}
