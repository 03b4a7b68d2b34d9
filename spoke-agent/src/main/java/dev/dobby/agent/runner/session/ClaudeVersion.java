package dev.dobby.agent.runner.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The version {@code claude --version} prints ("2.1.197 (Claude Code)"), compared as numbers. */
record ClaudeVersion(int major, int minor, int patch) implements Comparable<ClaudeVersion> {
    /** The first version with {@code claude remote-control}. */
    static final ClaudeVersion REMOTE_CONTROL = new ClaudeVersion(2, 1, 51);

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    static Optional<ClaudeVersion> parse(String text) {
        Matcher m = NUMBERS.matcher(text == null ? "" : text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClaudeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Run {@code program --version}; empty when it cannot be run or prints no version within 30 s. */
    static Optional<ClaudeVersion> of(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String text;
            try (InputStream in = process.getInputStream()) {
                text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return parse(text);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(ClaudeVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
