package dev.dobby.agent.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The folder of one attempt, shared by its supervisor process (which writes {@code stdout}, {@code stderr},
 * {@code agent.pid}, {@code supervisor.pid} and finally {@code exit}) and the worker that reads it (which writes
 * the attempt's description, stop requests, lease renewals and how far its output reached the hub). Everything
 * one side must never see half-written is written to a temporary name and renamed.
 *
 * <p>The folder's name is the attempt id and a hash of its fencing token, so a second hub or spoke (another
 * database, another home) can never mistake another's attempt for its own.
 */
public final class AttemptFolder {
    static final String STDOUT = "stdout";
    static final String STDERR = "stderr";
    private static final String DESCRIPTION = "attempt.json";
    private static final String EXIT = "exit";
    private static final String STOP = "stop";
    private static final String LEASE = "lease";
    private static final String SUPERVISOR_PID = "supervisor.pid";
    private static final String AGENT_PID = "agent.pid";
    private static final String SHIPPED = "shipped";
    private static final String COLLECTED = "collected";
    private static final String SUPERVISOR_LOG = "supervisor.log";
    private static final String JOB = "job";
    /** A process that started this long before its pid file was written is not the one that wrote it. */
    private static final Duration IDENTITY_SLACK = Duration.ofSeconds(10);

    private final Path dir;
    // Random start: a restarted worker must never repeat the number its previous run wrote last.
    private final AtomicLong leaseSequence = new AtomicLong(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE / 2);

    AttemptFolder(Path dir) {
        this.dir = dir;
    }

    /** A new, empty folder for the attempt under {@code root}; an old one of the same name is replaced. */
    public static AttemptFolder create(Path root, long attemptId, String token) {
        Path dir = root.resolve(name(attemptId, token));
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Folders.deleteTree(dir);
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the attempt folder " + dir, e);
        }
        return new AttemptFolder(dir);
    }

    /** A folder found on disk. */
    public static AttemptFolder open(Path dir) {
        return new AttemptFolder(dir);
    }

    /** Remove the folder and everything in it. */
    public void delete() throws IOException {
        Folders.deleteTree(dir);
    }

    static String name(long attemptId, String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return attemptId + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path stdout() {
        return dir.resolve(STDOUT);
    }

    public Path stderr() {
        return dir.resolve(STDERR);
    }

    public Path supervisorLog() {
        return dir.resolve(SUPERVISOR_LOG);
    }

    // ---- written by the worker

    public void describe(String json) {
        writeAtomically(DESCRIPTION, json);
    }

    public Optional<String> description() {
        return read(DESCRIPTION);
    }

    /** Ask the supervisor to stop the agent; {@code why} is kept for whoever collects the attempt. */
    public void requestStop(String why) {
        writeAtomically(STOP, why);
    }

    public Optional<String> stopRequest() {
        return read(STOP);
    }

    /** The supervisor stops the agent if it sees no renewal within {@code valid} of seeing this one. */
    public void renewLease(Duration valid) {
        writeAtomically(LEASE, leaseSequence.incrementAndGet() + " " + Math.max(0, valid.toMillis()) + "\n");
    }

    /** How far the attempt's output reached the hub: chunks acknowledged and lines of each stream they held. */
    public void recordShipped(Shipped shipped) {
        writeAtomically(SHIPPED, shipped.chunks() + " " + shipped.stdoutLines() + " " + shipped.stderrLines() + "\n");
    }

    public Shipped shipped() {
        return read(SHIPPED).map(Shipped::parse).orElse(Shipped.NOTHING);
    }

    /** Nothing more will be reported about this attempt; the folder stays until it expires. */
    public void markCollected() {
        writeAtomically(COLLECTED, Instant.now() + "\n");
    }

    public boolean collected() {
        return Files.exists(dir.resolve(COLLECTED));
    }

    /** The id of the batch job (Slurm) that runs this attempt's supervisor, written as soon as it is known. */
    public void recordJob(String jobId) {
        writeAtomically(JOB, jobId + "\n");
    }

    public Optional<String> job() {
        return read(JOB).map(String::strip).filter(s -> !s.isEmpty());
    }

    // ---- written by the supervisor

    /** The supervisor's record of how the agent ended, once it has. */
    public Optional<ExitRecord> exit() {
        return read(EXIT).map(ExitRecord::parse);
    }

    /** The supervisor process, if it still runs: its pid file names it and its command line names this folder. */
    public Optional<ProcessHandle> supervisor() {
        return pidIn(SUPERVISOR_PID).flatMap(pid -> ProcessHandle.of(pid))
                .filter(AttemptFolder::running)
                .filter(this::isOurSupervisor);
    }

    /** Alive and not a zombie waiting for an orphan reaper (which ProcessHandle would call alive). */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.UTF_8);
            int end = text.lastIndexOf(')');
            return end < 0 || end + 2 >= text.length() || text.charAt(end + 2) != 'Z';
        } catch (IOException | UncheckedIOException e) {
            return process.isAlive();
        }
    }

    private boolean isOurSupervisor(ProcessHandle process) {
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isPresent()) {
            return List.of(arguments.get()).contains(dir.toString());
        }
        // Where another process's arguments cannot be read, its start time must match when the pid file was written.
        Optional<Instant> started = process.info().startInstant();
        Optional<Instant> written = modified(SUPERVISOR_PID);
        return started.isPresent() && written.isPresent()
                && !started.get().isAfter(written.get())
                && started.get().isAfter(written.get().minus(IDENTITY_SLACK));
    }

    /** The agent's process group id (its leader's pid), once the supervisor has started it. */
    public Optional<Long> agentGroup() {
        return pidIn(AGENT_PID);
    }


    // ---- plumbing

    private Optional<Long> pidIn(String name) {
        return read(name).map(String::strip).flatMap(text -> {
            try {
                return Optional.of(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private Optional<Instant> modified(String name) {
        try {
            FileTime time = Files.getLastModifiedTime(dir.resolve(name));
            return Optional.of(time.toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<String> read(String name) {
        try {
            return Optional.of(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void writeAtomically(String name, String text) {
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }

    /** How far an attempt's output reached the hub. */
    public record Shipped(long chunks, long stdoutLines, long stderrLines) {
        public static final Shipped NOTHING = new Shipped(0, 0, 0);

        static Shipped parse(String text) {
            String[] parts = text.strip().split(" ");
            try {
                return new Shipped(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            } catch (RuntimeException e) {
                return NOTHING;
            }
        }

        public Shipped plus(long stdout, long stderr, long chunk) {
            return new Shipped(chunk, stdoutLines + stdout, stderrLines + stderr);
        }
    }
}
