package dev.dobby.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `dobby` script at the repository root, as a user runs it. */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = ROOT.resolve("cli/target");

    @TempDir
    Path home;

    @Test
    void theFirstCommandWithoutAStartUpCacheMakesOneAndPrintsOnlyItsOwnOutput() throws Exception {
        deleteStartUpCaches();
        String first = run("--version");
        assertThat(first).matches("dobby \\S+ \\(Java \\d+\\)\\n");
        assertThat(aCacheExists()).as("a start-up cache after the first command").isTrue();
        assertThat(run("--version")).isEqualTo(first);
    }

    @Test
    void aScriptReadingJsonGetsCleanJsonFromTheFirstCommandAfterABuild() throws Exception {
        TestHub hub = TestHub.start(home);
        try {
            hub.project("p");
            hub.awaitEnd(hub.shell("p", "echo hello").id(), Duration.ofSeconds(30));
            deleteStartUpCaches();
            String first = run("status", "--json", "--hub", hub.url());
            JsonNode page = Json.lenient().readTree(first);
            assertThat(page.get("tasks")).hasSize(1);
            assertThat(aCacheExists()).isTrue();
            assertThat(run("status", "--json", "--hub", hub.url())).isEqualTo(first);
        } finally {
            hub.close();
        }
    }

    private static void deleteStartUpCaches() throws IOException {
        for (String cache : List.of("dobby-cli.aot", "dobby-hub.aot", "dobby-cli.aotconf", "dobby-cli.jsa",
                "start-up-training.failed")) {
            Files.deleteIfExists(TARGET.resolve(cache));
        }
    }

    /** With JDK 25 and later the launcher makes AOT caches; before, a CDS archive made by the first run. */
    private static boolean aCacheExists() {
        return Files.isRegularFile(TARGET.resolve("dobby-cli.aot")) || Files.isRegularFile(TARGET.resolve("dobby-cli.jsa"));
    }

    private static String run(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = ROOT.resolve("dobby").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out;
    }
}
