package dev.dobby.agent.runner.git;

import dev.dobby.agent.runner.RunResult;
import dev.dobby.agent.supervisor.Folders;
import dev.dobby.protocol.work.Assignment;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives attempts that ask for it a git worktree of their own, so that agents working on one repository never
 * share a working directory.
 *
 * <ul>
 *   <li>Each worktree lives under {@code root/<project>/<task>-<attempt>}, outside the project's checkout, on a
 *       new branch created from the project's current HEAD: {@code dobby/<task>} for the first attempt and
 *       {@code dobby/<task>-<attempt>} for retries, so an earlier attempt's work stays on its own branch. If the
 *       name is taken (a branch left from an earlier hub database), {@code .2}, {@code .3}, ... is appended.</li>
 *   <li>When the attempt ends, whatever the agent left uncommitted is committed on the branch (hooks and
 *       signing skipped, the repository's identity or else Dobby's), so the branch holds all of the attempt's
 *       work and survives the worktree's removal. The diff stat and changed files are those of the branch
 *       against the base commit.</li>
 *   <li>{@link #removeExpired} removes worktrees whose attempt ended more than the retention period ago; their
 *       branches stay. A worktree an attempt is using is never removed.</li>
 * </ul>
 * Each worktree has a small properties file next to it ({@code <dir>.dobby}) recording its repository, branch,
 * base, and when its attempt started and ended, so cleanup also works after a restart.
 */
public final class WorktreeManager {
    private static final Logger log = LoggerFactory.getLogger(WorktreeManager.class);
    private static final String META_SUFFIX = ".dobby";
    private static final String FALLBACK_NAME = "Dobby";
    private static final String FALLBACK_EMAIL = "dobby@localhost";

    private final Path root;
    private final Duration retention;
    private final Clock clock;
    private final Set<Path> inUse = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Path, Object> repoLocks = new ConcurrentHashMap<>();
    private final Object cleaning = new Object();

    /**
     * @param root      where worktrees are created; must not lie inside a project
     * @param retention how long a finished attempt's worktree is kept for inspection
     */
    public WorktreeManager(Path root, Duration retention, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.retention = retention;
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /** One attempt's worktree, from creation until {@link #close}. */
    public final class Lease {
        private final Path repo;
        private final Path dir;
        private final Path workdir;
        private final String branch;
        private final String base;
        private final Path meta;
        private final Assignment assignment;
        private Outcome outcome;

        private Lease(Path repo, Path dir, Path workdir, String branch, String base, Path meta, Assignment assignment) {
            this.repo = repo;
            this.dir = dir;
            this.workdir = workdir;
            this.branch = branch;
            this.base = base;
            this.meta = meta;
            this.assignment = assignment;
        }

        /** Where the agent runs: the worktree, or the same subdirectory of it the project points at. */
        public Path workdir() {
            return workdir;
        }

        public Path path() {
            return dir;
        }

        public Path repo() {
            return repo;
        }

        public String branch() {
            return branch;
        }

        public String baseCommit() {
            return base;
        }

        /**
         * The attempt is over: commit what the agent left, record the diff against the base, and release the
         * worktree to cleanup. Idempotent; never throws (a git failure is recorded in the diff stat).
         */
        public synchronized Outcome close() {
            if (outcome != null) {
                return outcome;
            }
            String diffStat;
            List<String> files = List.of();
            try {
                synchronized (lockFor(repo)) {
                    commitLeftovers();
                }
                diffStat = Git.require(dir, "diff", "--stat", "--no-color", base, "HEAD");
                String names = Git.require(dir, "diff", "--name-only", "--no-color", "-z", base, "HEAD");
                files = Arrays.stream(names.split("\0")).filter(n -> !n.isEmpty()).toList();
            } catch (RuntimeException e) {
                diffStat = "(could not read the worktree's changes: " + e.getMessage() + ")";
            }
            try {
                writeMeta(meta, repo, branch, base, null, clock.instant());
            } catch (UncheckedIOException e) {
                log.warn("worktree {}: cannot record its end: {}", dir, e.getMessage());
            } finally {
                inUse.remove(dir);
            }
            outcome = new Outcome(new RunResult.Worktree(dir.toString(), branch, base, diffStat), files);
            return outcome;
        }

        private void commitLeftovers() {
            Git.require(dir, "add", "-A");
            if (Git.run(dir, "diff", "--cached", "--quiet").ok()) {
                return;
            }
            List<String> args = new ArrayList<>();
            if (!Git.run(dir, "config", "user.email").ok()) {
                args.addAll(List.of("-c", "user.name=" + FALLBACK_NAME, "-c", "user.email=" + FALLBACK_EMAIL));
            }
            args.addAll(List.of("-c", "commit.gpgsign=false", "commit", "--no-verify", "--quiet", "-m",
                    "Dobby: changes left uncommitted by task " + assignment.taskId() + " (attempt "
                            + assignment.attemptNumber() + ")"));
            Git.require(dir, args.toArray(String[]::new));
        }
    }

    /**
     * The lease of a worktree that an attempt was given before this process restarted (its agent ran on under
     * its supervisor), so that its end is recorded as usual.
     */
    public Lease reopen(Assignment assignment, Path repo, Path dir, Path workdir, String branch, String base) {
        inUse.add(dir);
        return new Lease(repo, dir, workdir, branch, base, dir.resolveSibling(dir.getFileName() + META_SUFFIX),
                assignment);
    }

    /** What an attempt's worktree amounted to. */
    public record Outcome(RunResult.Worktree worktree, List<String> filesChanged) {
    }

    /**
     * A worktree for the attempt, or empty when {@code projectDir} is not inside a git repository (it then runs in
     * place).
     *
     * @throws WorktreeException when the project is a repository but a worktree cannot be made (no commits yet,
     *                           git missing, the worktree root inside the project, git refusing)
     */
    public Optional<Lease> acquire(Assignment assignment, Path projectDir) {
        try {
            if (assignment.resumesAttempt() != null) {
                Optional<Lease> earlier = takeBack(assignment, projectDir);
                if (earlier.isPresent()) {
                    return earlier;
                }
            }
            return create(assignment, projectDir);
        } catch (Git.Unavailable e) {
            throw new WorktreeException("cannot create a worktree: " + e.getMessage());
        }
    }

    /**
     * The worktree of the attempt a resumed session comes from, so the agent continues in the same directory
     * (Claude Code keeps sessions per directory) with the work it left; empty if it is gone or in use.
     */
    private Optional<Lease> takeBack(Assignment assignment, Path projectDir) {
        Path dir = root.resolve(safeName(assignment.project()))
                .resolve(assignment.taskId() + "-" + assignment.resumesAttempt());
        Path meta = dir.resolveSibling(dir.getFileName() + META_SUFFIX);
        if (!Files.isDirectory(dir) || !Files.isRegularFile(meta) || !inUse.add(dir)) {
            return Optional.empty();
        }
        try {
            Properties p = readMeta(meta);
            Path repo = Path.of(p.getProperty("repo", ""));
            String branch = p.getProperty("branch");
            String base = p.getProperty("base");
            Path subdir = relativeInside(repo, projectDir);
            if (branch == null || base == null || !Files.isDirectory(repo)) {
                inUse.remove(dir);
                return Optional.empty();
            }
            writeMeta(meta, repo, branch, base, clock.instant(), null);
            return Optional.of(new Lease(repo, dir, subdir == null ? dir : dir.resolve(subdir), branch, base, meta,
                    assignment));
        } catch (RuntimeException e) {
            inUse.remove(dir);
            log.warn("cannot take back the worktree {} for a resumed session: {}", dir, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Lease> create(Assignment assignment, Path projectDir) {
        Git.Result top = Git.run(projectDir, "rev-parse", "--show-toplevel");
        if (!top.ok()) {
            return Optional.empty();
        }
        Path repo = Path.of(top.out().strip()).toAbsolutePath().normalize();
        Git.Result head = Git.run(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}");
        if (!head.ok()) {
            throw new WorktreeException("cannot create a worktree: the repository " + repo + " has no commits yet");
        }
        String base = head.out().strip();
        if (root.startsWith(repo)) {
            throw new WorktreeException("cannot create a worktree: the worktree directory " + root
                    + " lies inside the project's repository " + repo);
        }
        Path subdir = relativeInside(repo, projectDir);
        synchronized (lockFor(repo)) {
            Path dir = freeDirectory(assignment);
            String branch = freeBranch(repo, assignment);
            try {
                Files.createDirectories(dir.getParent());
            } catch (IOException e) {
                throw new WorktreeException("cannot create the worktree directory " + dir.getParent() + ": "
                        + e.getMessage());
            }
            Path meta = dir.resolveSibling(dir.getFileName() + META_SUFFIX);
            writeMeta(meta, repo, branch, base, clock.instant(), null);
            inUse.add(dir);
            try {
                Git.require(repo, "worktree", "add", "--quiet", "-b", branch, dir.toString(), base);
            } catch (RuntimeException e) {
                inUse.remove(dir);
                deleteQuietly(meta);
                throw e;
            }
            return Optional.of(new Lease(repo, dir, subdir == null ? dir : dir.resolve(subdir), branch, base, meta,
                    assignment));
        }
    }

    /**
     * Remove the worktrees of attempts that ended more than the retention period ago (or whose owner process is
     * gone), keeping their branches. Returns how many were removed. Concurrent calls take turns.
     */
    public int removeExpired() {
        synchronized (cleaning) {
            int removed = 0;
            Instant cutoff = clock.instant().minus(retention);
            for (Path meta : metaFiles()) {
                Path dir = meta.resolveSibling(meta.getFileName().toString()
                        .substring(0, meta.getFileName().toString().length() - META_SUFFIX.length()));
                if (inUse.contains(dir)) {
                    continue;
                }
                Properties p;
                Instant ended;
                try {
                    p = readMeta(meta);
                    ended = endedAt(p);
                } catch (RuntimeException e) {
                    continue;
                }
                if (ended == null || !ended.isBefore(cutoff)) {
                    continue;
                }
                try {
                    if (remove(Path.of(p.getProperty("repo", "")), dir)) {
                        deleteQuietly(meta);
                        removed++;
                    }
                } catch (RuntimeException e) {
                    log.warn("cannot remove the worktree {}: {}", dir, e.getMessage());
                }
            }
            return removed;
        }
    }

    /** When the attempt ended; for one whose owner died without saying, when it started. Null while it runs. */
    private static Instant endedAt(Properties p) {
        String finished = p.getProperty("finished");
        if (finished != null) {
            return Instant.parse(finished);
        }
        long pid = Long.parseLong(p.getProperty("pid", "-1"));
        // This process owns none it is not using (the caller checked); another live process may own it.
        boolean ownerAlive = pid != ProcessHandle.current().pid()
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        String started = p.getProperty("started");
        return ownerAlive || started == null ? null : Instant.parse(started);
    }

    private boolean remove(Path repo, Path dir) {
        if (Files.isDirectory(repo)) {
            synchronized (lockFor(repo)) {
                Git.Result result = Git.run(repo, "worktree", "remove", "--force", "--force", dir.toString());
                if (result.ok()) {
                    return true;
                }
                log.info("git worktree remove {} failed ({}); deleting the directory", dir, result.err().strip());
                deleteTree(dir);
                Git.run(repo, "worktree", "prune");
                return !Files.exists(dir);
            }
        }
        deleteTree(dir);
        return !Files.exists(dir);
    }

    private List<Path> metaFiles() {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (DirectoryStream<Path> projects = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path project : projects) {
                try (DirectoryStream<Path> metas = Files.newDirectoryStream(project, "*" + META_SUFFIX)) {
                    metas.forEach(found::add);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list worktrees under {}: {}", root, e.getMessage());
        }
        return found;
    }

    private Path freeDirectory(Assignment assignment) {
        Path project = root.resolve(safeName(assignment.project()));
        String name = assignment.taskId() + "-" + assignment.attemptNumber();
        Path dir = project.resolve(name);
        for (int k = 2; Files.exists(dir) || Files.exists(dir.resolveSibling(dir.getFileName() + META_SUFFIX)); k++) {
            dir = project.resolve(name + "." + k);
        }
        return dir;
    }

    private static String freeBranch(Path repo, Assignment assignment) {
        String name = "dobby/" + assignment.taskId()
                + (assignment.attemptNumber() > 1 ? "-" + assignment.attemptNumber() : "");
        String branch = name;
        for (int k = 2; Git.run(repo, "show-ref", "--verify", "--quiet", "refs/heads/" + branch).ok(); k++) {
            branch = name + "." + k;
        }
        return branch;
    }

    /** A project name as one safe path segment. */
    static String safeName(String project) {
        String name = project == null ? "" : project.replaceAll("[^A-Za-z0-9._-]", "_");
        name = name.replaceAll("^\\.+", "_");
        return name.isEmpty() ? "_" : name;
    }

    private static Path relativeInside(Path repo, Path projectDir) {
        Path real;
        try {
            real = projectDir.toRealPath();
        } catch (IOException e) {
            real = projectDir.toAbsolutePath().normalize();
        }
        Path repoReal;
        try {
            repoReal = repo.toRealPath();
        } catch (IOException e) {
            repoReal = repo;
        }
        if (real.startsWith(repoReal) && !real.equals(repoReal)) {
            return repoReal.relativize(real);
        }
        return null;
    }

    private Object lockFor(Path repo) {
        return repoLocks.computeIfAbsent(repo, r -> new Object());
    }

    private static void writeMeta(Path meta, Path repo, String branch, String base, Instant started,
                                  Instant finished) {
        Properties p = Files.exists(meta) ? readMeta(meta) : new Properties();
        p.setProperty("repo", repo.toString());
        p.setProperty("branch", branch);
        p.setProperty("base", base);
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        if (started != null) {
            p.setProperty("started", started.toString());
        }
        if (finished != null) {
            p.setProperty("finished", finished.toString());
        } else if (started != null) {
            // In use again (a resumed session took it back).
            p.remove("finished");
        }
        Path tmp = meta.resolveSibling(meta.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            p.store(out, "a Dobby attempt's worktree");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(tmp, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties readMeta(Path meta) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(meta)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Folders.deleteTree(dir);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
