package dev.dobby.hub.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The fake {@code nvidia-smi} (src/test/resources/gpu/fake-nvidia-smi) in a folder of its own, for a spoke's PATH,
 * and the scenario folder it answers from: the test writes what the GPUs and their processes look like now.
 */
final class FakeNvidiaSmi {
    static final String UUID0 = "GPU-0a0a0a0a-0000-0000-0000-000000000000";
    static final String UUID1 = "GPU-1b1b1b1b-1111-1111-1111-111111111111";

    final Path bin;
    final Path scenario;

    FakeNvidiaSmi(Path root) {
        this.bin = root.resolve("bin");
        this.scenario = root.resolve("scenario");
        try {
            Files.createDirectories(bin);
            Files.createDirectories(scenario);
            Path smi = bin.resolve("nvidia-smi");
            try (InputStream in = FakeNvidiaSmi.class.getResourceAsStream("/gpu/fake-nvidia-smi")) {
                Files.write(smi, in.readAllBytes());
            }
            Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two A100s: the first {@code used0} MiB used at {@code util0} %, the second idle. */
    FakeNvidiaSmi twoGpus(long used0, int util0) {
        return gpus("0, NVIDIA A100-SXM4-80GB, " + UUID0 + ", " + util0 + ", " + used0 + ", 81920, 41, 250.5, 400.00\n"
                + "1, NVIDIA A100-SXM4-80GB, " + UUID1 + ", 0, 3, 81920, 30, [N/A], 400.00\n");
    }

    FakeNvidiaSmi gpus(String csv) {
        return write("gpus.csv", csv);
    }

    FakeNvidiaSmi apps(String csv) {
        return write("apps.csv", csv);
    }

    FakeNvidiaSmi failing(boolean on) {
        return flag("fail", on);
    }

    FakeNvidiaSmi hanging(boolean on) {
        return flag("hang", on);
    }

    private FakeNvidiaSmi flag(String name, boolean on) {
        try {
            if (on) {
                Files.writeString(scenario.resolve(name), "");
            } else {
                Files.deleteIfExists(scenario.resolve(name));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FakeNvidiaSmi write(String name, String text) {
        try {
            Path tmp = scenario.resolve(name + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, scenario.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
