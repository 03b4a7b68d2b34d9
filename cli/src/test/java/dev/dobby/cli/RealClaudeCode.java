package dev.dobby.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real Claude Code CLI from npm, installed once into a cache folder ({@code ~/.cache/dobby-tests}, or
 * {@code DOBBY_TEST_CACHE}) and reused by later runs. The version is pinned: its messages are what the tests
 * compare with.
 */
final class RealClaudeCode {
    static final String VERSION = "2.1.197";

    private RealClaudeCode() {
    }

    static Path program() throws IOException, InterruptedException {
        String cache = System.getenv("DOBBY_TEST_CACHE");
        Path root = (cache == null || cache.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "dobby-tests") : Path.of(cache))
                .resolve("claude-code-" + VERSION);
        Path program = root.resolve("node_modules/.bin/claude");
        if (Files.isExecutable(program)) {
            return program;
        }
        Files.createDirectories(root);
        Process npm = new ProcessBuilder("npm", "install", "--prefix", root.toString(), "--no-audit", "--no-fund",
                "--loglevel=error", "@anthropic-ai/claude-code@" + VERSION)
                .redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isExecutable(program)) {
            throw new IllegalStateException("npm could not install Claude Code " + VERSION + " into " + root + ":\n"
                    + output);
        }
        return program;
    }
}
