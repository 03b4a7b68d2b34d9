package dev.dobby.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The `dobby` script at the repository root, as a user runs it. */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theRunThatRecordsTheStartUpCachePrintsOnlyTheCommandsOwnOutput() throws Exception {
        for (String cache : new String[] {"dobby-cli.aot", "dobby-cli.aotconf", "dobby-cli.jsa"}) {
            Files.deleteIfExists(ROOT.resolve("cli/target").resolve(cache));
        }
        String first = run("--version");
        String second = run("--version");
        assertThat(first).matches("dobby \\S+ \\(Java \\d+\\)\\n");
        assertThat(second).isEqualTo(first);
    }

    private static String run(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = ROOT.resolve("dobby").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out;
    }
}
