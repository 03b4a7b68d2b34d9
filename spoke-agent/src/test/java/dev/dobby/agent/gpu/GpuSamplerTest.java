package dev.dobby.agent.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.gpu.GpuProcess;
import dev.dobby.protocol.gpu.GpuState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What nvidia-smi prints, as Dobby reads it; and what it says when there is none, or it fails or hangs. */
class GpuSamplerTest {
    @TempDir
    Path dir;

    @Test
    void readsBothQueriesAndSkipsWhatItCannotRead() {
        Map<String, List<GpuProcess>> apps = GpuSampler.parseApps("""
                GPU-aaa, 4242, python, 40000
                GPU-aaa, 4343, /usr/bin/my, odd, name, 12
                GPU-bbb, x, broken, 1
                """);
        List<GpuState> gpus = GpuSampler.parseGpus("""
                0, NVIDIA A100-SXM4-80GB, GPU-aaa, 87, 40960, 81920, 65, 301.25, 400.00
                1, Tesla T4, with, commas, GPU-bbb, [N/A], [N/A], 15360, [N/A], [Not Supported], 70.00
                x, broken, GPU-ccc, 1, 2, 3, 4, 5, 6
                Failed to initialize NVML: Driver/library version mismatch

                """, apps);
        assertThat(gpus).hasSize(2);
        GpuState a100 = gpus.getFirst();
        assertThat(a100).isEqualTo(new GpuState(0, "NVIDIA A100-SXM4-80GB", "GPU-aaa", 87, 40960, 81920, 65, 301.25,
                400.0, List.of(new GpuProcess(4242, "python", 40000, null, null, null),
                        new GpuProcess(4343, "/usr/bin/my, odd, name", 12, null, null, null)), List.of()));
        assertThat(gpus.get(1)).isEqualTo(new GpuState(1, "Tesla T4, with, commas", "GPU-bbb", 0, 0, 15360, null,
                null, 70.0, List.of(), List.of()));
    }

    @Test
    void saysWhyThereAreNoGpus() throws Exception {
        assertThat(new GpuSampler(dir.toString(), Duration.ofSeconds(2)).sample().error())
                .isEqualTo("nvidia-smi is not on the PATH");
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\necho 'NVIDIA-SMI has failed because it could not communicate'; exit 9\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(new GpuSampler(dir.toString(), Duration.ofSeconds(2)).sample().error())
                .isEqualTo("nvidia-smi failed (exit 9): NVIDIA-SMI has failed because it could not communicate");
        Files.writeString(smi, "#!/bin/sh\nexec sleep 60\n");
        assertThat(new GpuSampler(dir.toString(), Duration.ofSeconds(1)).sample().error())
                .isEqualTo("nvidia-smi did not answer within 1 s");
    }
}
