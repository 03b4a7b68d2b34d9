package dev.dobby.agent.runner;

import dev.dobby.agent.executor.Execution;
import dev.dobby.agent.executor.Executor;
import dev.dobby.agent.supervisor.AttemptFolder;
import dev.dobby.agent.supervisor.SupervisorScript;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.work.Assignment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders of a worker's attempts: made as attempts start, scanned when the worker starts again to find the
 * attempts that outlived its previous run, and removed a while after nothing more is to be reported of them.
 */
public final class AttemptFolders {
    private static final Logger log = LoggerFactory.getLogger(AttemptFolders.class);
    /** How long an attempt's full output stays on the worker after the hub has its result. */
    static final Duration KEEP_COLLECTED = Duration.ofDays(7);

    private final Path root;
    private final Clock clock;
    private final Executor executor;
    private volatile SupervisorScript supervisor;

    AttemptFolders(Path root, Clock clock, Executor executor) {
        this.root = root;
        this.clock = clock;
        this.executor = executor;
    }

    /**
     * An attempt that can still be reported; {@code execution} is empty when its agent has already ended and
     * recorded how.
     */
    public record Survivor(AttemptFolder folder, AttemptDescription description, Optional<Execution> execution) {
        public long attemptId() {
            return description.assignment().attempt().attemptId();
        }
    }

    SupervisorScript supervisor() {
        SupervisorScript script = supervisor;
        if (script == null) {
            script = SupervisorScript.installIn(root);
            supervisor = script;
        }
        return script;
    }

    AttemptFolder create(Assignment assignment, AttemptDescription description) {
        AttemptFolder folder = AttemptFolder.create(root, assignment.attempt().attemptId(),
                assignment.attempt().token());
        folder.describe(Json.write(description));
        return folder;
    }

    List<Survivor> survivors() {
        List<Survivor> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root,
                p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))) {
            for (Path dir : dirs) {
                survivor(AttemptFolder.open(dir)).ifPresent(found::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the attempt folders in " + root, e);
        }
        return found;
    }

    private Optional<Survivor> survivor(AttemptFolder folder) {
        if (folder.collected()) {
            removeIfExpired(folder);
            return Optional.empty();
        }
        Optional<AttemptDescription> description = folder.description().flatMap(AttemptFolders::parse);
        Optional<Execution> supervisor = folder.exit().isPresent() ? Optional.empty() : executor.find(folder);
        boolean abandoned = folder.stopRequest().map(s -> s.startsWith(RunningAgent.ABANDONED)).orElse(false);
        if (description.isEmpty() || abandoned) {
            // Its supervisor (if any) has been asked to stop it already; nobody is to hear of it.
            if (supervisor.isEmpty()) {
                executor.reap(folder);
            } else {
                supervisor.get().stopRequested();
            }
            folder.markCollected();
            return Optional.empty();
        }
        if (folder.exit().isPresent() || supervisor.isPresent()) {
            return Optional.of(new Survivor(folder, description.get(), supervisor));
        }
        log.warn("attempt folder {}: {}; stopping what is left of its agent", folder, RunningAgent.VANISHED);
        executor.reap(folder);
        folder.markCollected();
        return Optional.empty();
    }

    private void removeIfExpired(AttemptFolder folder) {
        Instant cutoff = clock.instant().minus(KEEP_COLLECTED);
        try {
            if (Files.getLastModifiedTime(folder.dir().resolve("collected")).toInstant().isBefore(cutoff)) {
                folder.delete();
            }
        } catch (IOException e) {
            log.debug("cannot remove {}: {}", folder, e.getMessage());
        }
    }

    private static Optional<AttemptDescription> parse(String json) {
        try {
            return Optional.of(Json.read(json, AttemptDescription.class));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
