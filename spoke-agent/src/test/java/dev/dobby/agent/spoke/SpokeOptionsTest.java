package dev.dobby.agent.spoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpokeOptionsTest {
    @TempDir
    Path dir;

    @Test
    void aFullCommandLine() throws Exception {
        Files.createDirectories(dir.resolve("web"));
        SpokeOptions options = SpokeOptions.parse(new String[] {"--hub", "http://hub:8420", "--id=gpu-1",
                "--tag", "gpu", "--tag", "a100", "--tag", "gpu", "--max-concurrent", "3", "--project", "web=web",
                "--home", "state", "--kill-grace", "2"}, Map.of("DOBBY_SPOKE_TOKEN", "secret-token"), dir);
        assertThat(options.hubUrl()).isEqualTo("http://hub:8420");
        assertThat(options.id()).isEqualTo("gpu-1");
        assertThat(options.tags()).containsExactly("gpu", "a100");
        assertThat(options.token()).isEqualTo("secret-token");
        assertThat(options.maxConcurrent()).isEqualTo(3);
        assertThat(options.projects()).containsEntry("web", dir.resolve("web"));
        assertThat(options.home()).isEqualTo(dir.resolve("state"));
        assertThat(options.killGrace()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theFlagBeatsTheVariableAndTheDefaultsAreSmall() {
        SpokeOptions options = SpokeOptions.parse(new String[] {"--hub", "http://h", "--id", "a", "--token", "flag"},
                Map.of("DOBBY_SPOKE_TOKEN", "variable", "DOBBY_HOME", dir.toString()), dir);
        assertThat(options.token()).isEqualTo("flag");
        assertThat(options.maxConcurrent()).isEqualTo(1);
        assertThat(options.home()).isEqualTo(dir);
        assertThat(options.tags()).isEmpty();
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        assertRefused(new String[] {"--id", "a"}, "--hub URL is required");
        assertRefused(new String[] {"--hub", "http://h"}, "--id must be");
        assertRefused(new String[] {"--hub", "hub:8420", "--id", "a"}, "--hub must look like http://host:port");
        assertRefused(new String[] {"--hub", "ftp://hub", "--id", "a"}, "--hub must look like http://host:port");
        assertRefused(new String[] {"--hub", "http://h", "--id", "../etc"}, "--id must be");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--tag", "a b"}, "--tag 'a b'");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--max-concurrent", "0"}, "between 1 and 1000");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--max-concurrent", "two"}, "whole number");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--project", "web"}, "NAME=PATH");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--project", "web=/no/such/dir"},
                "is not a directory on this machine");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--verbose", "x"}, "unknown option '--verbose'");
        assertRefused(new String[] {"--hub"}, "--hub needs a value");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--kill-grace", "-1"}, "between 0 and 300");
    }

    @Test
    void theSlurmExecutorHasAsManySlotsAsJobsAndTakesItsOptions() {
        SpokeOptions options = SpokeOptions.parse(new String[] {"--hub", "http://h", "--id", "c", "--executor",
                "slurm", "--partition", "gpu", "--account", "ml", "--qos", "high", "--max-jobs", "50",
                "--sbatch-arg", "--mem=16G", "--sbatch-arg=--constraint=a100"}, Map.of(), dir);
        assertThat(options.maxConcurrent()).isEqualTo(50);
        assertThat(options.slurm().partition()).isEqualTo("gpu");
        assertThat(options.slurm().account()).isEqualTo("ml");
        assertThat(options.slurm().qos()).isEqualTo("high");
        assertThat(options.slurm().sbatchArgs()).containsExactly("--mem=16G", "--constraint=a100");
        assertThat(options.slurm().gresName()).isEqualTo("gpu");
        assertThat(SpokeOptions.parse(new String[] {"--hub", "http://h", "--id", "c"}, Map.of(), dir).slurm())
                .isNull();
    }

    @Test
    void slurmOptionsAreRefusedWithAMessage() {
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--executor", "pbs"},
                "--executor must be local or slurm, not 'pbs'");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--partition", "gpu"},
                "need --executor slurm");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--executor", "slurm", "--max-jobs", "0"},
                "--max-jobs must be between 1 and 10000");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--executor", "slurm", "--partition",
                "gpu;rm -rf"}, "--partition 'gpu;rm -rf' is not a Slurm name");
        assertRefused(new String[] {"--hub", "http://h", "--id", "a", "--executor", "slurm", "--sbatch-arg",
                "mem=4G"}, "--sbatch-arg takes one sbatch option");
    }

    private void assertRefused(String[] args, String message) {
        assertThatThrownBy(() -> SpokeOptions.parse(args, Map.of(), dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
