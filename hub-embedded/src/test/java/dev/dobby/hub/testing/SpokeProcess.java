package dev.dobby.hub.testing;

import dev.dobby.agent.spoke.SpokeMain;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real spoke in its own JVM ({@link SpokeMain}, the code behind {@code dobby agent}), for tests that kill it,
 * signal it or cut it off from the hub. Its log goes to {@code <home>/spoke-<id>.log}.
 */
public final class SpokeProcess implements AutoCloseable {
    private final Process process;
    private final String id;
    private final Path log;
    private final List<String> stdout;

    private SpokeProcess(Process process, String id, Path log, List<String> stdout) {
        this.process = process;
        this.id = id;
        this.log = log;
        this.stdout = stdout;
    }

    public static Builder builder(Path home, String hubUrl, String id) {
        return new Builder(home, hubUrl, id);
    }

    public String id() {
        return id;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no signal handler, no deregistration, exactly like a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM (what a service manager sends): the first drains, a second one stops. */
    public void terminate() {
        process.destroy();
    }

    /** Wait for the process to exit by itself; its exit status. */
    public int awaitExit(java.time.Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("spoke " + id + " did not exit within " + limit.toSeconds() + " s; log:\n"
                    + logText());
        }
        return process.exitValue();
    }

    /** What it printed on stdout so far (the registration line, or why it could not register). */
    public List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** How to start one. */
    public static final class Builder {
        private final Path home;
        private final String hubUrl;
        private final String id;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path extraPath;

        private Builder(Path home, String hubUrl, String id) {
            this.home = home;
            this.hubUrl = hubUrl;
            this.id = id;
        }

        public Builder tag(String tag) {
            args.add("--tag");
            args.add(tag);
            return this;
        }

        /** The enrolment token, given as DOBBY_SPOKE_TOKEN (as documented; flags show in ps). */
        public Builder token(String token) {
            env.put("DOBBY_SPOKE_TOKEN", token);
            return this;
        }

        /** An environment variable for the spoke (and so its agents), e.g. DOBBY_CLAUDE_BIN. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder maxConcurrent(int n) {
            args.add("--max-concurrent");
            args.add(Integer.toString(n));
            return this;
        }

        /** Further options as they are, e.g. {@code --executor slurm --max-jobs 4}. */
        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        public Builder project(String name, Path path) {
            args.add("--project");
            args.add(name + "=" + path);
            return this;
        }

        /** A directory put first on the spoke's PATH (for a fake nvidia-smi). */
        public Builder pathFirst(Path dir) {
            this.extraPath = dir;
            return this;
        }

        /** Start and wait until it registered (its first stdout line). */
        public SpokeProcess start() {
            SpokeProcess spoke = launch();
            String first = spoke.awaitFirstLine();
            if (first == null || !first.startsWith("spoke " + id + " registered")) {
                try {
                    spoke.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("spoke " + id + " did not register: " + first + "\n" + spoke.logText());
            }
            return spoke;
        }

        /** Start without waiting for it to register (for refusals). */
        public SpokeProcess launch() {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", SpokeMain.class.getName(),
                    "--hub", hubUrl, "--id", id, "--home", home.toString(), "--kill-grace", "1"));
            command.addAll(args);
            Path log = home.resolve("spoke-" + id + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().remove("DOBBY_SPOKE_TOKEN");
            builder.environment().putAll(env);
            if (extraPath != null) {
                builder.environment().put("PATH", extraPath + File.pathSeparator + System.getenv("PATH"));
            }
            try {
                Files.createDirectories(home);
                Process process = builder.start();
                List<String> lines = new ArrayList<>();
                SpokeProcess spoke = new SpokeProcess(process, id, log, lines);
                Thread.ofVirtual().name("spoke-stdout-" + id).start(() -> {
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            synchronized (lines) {
                                lines.add(line);
                                lines.notifyAll();
                            }
                        }
                    } catch (IOException ignored) {
                        // the process is gone
                    }
                });
                return spoke;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String awaitFirstLine() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (stdout) {
            while (stdout.isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
                try {
                    stdout.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return stdout.isEmpty() ? null : stdout.getFirst();
        }
    }
}
