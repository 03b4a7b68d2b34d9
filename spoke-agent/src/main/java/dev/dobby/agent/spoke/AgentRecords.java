package dev.dobby.agent.spoke;

import dev.dobby.agent.runner.ProcessGroups;
import dev.dobby.agent.worker.AgentJournal;
import dev.dobby.protocol.work.AttemptRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One small file per running agent ({@code <dir>/<attempt id>}: pid and start time), so that a spoke restarted
 * after a crash (kill -9, power loss) can stop the agents its previous run left behind. The hub has already given
 * those attempts to someone else, or will when their lease runs out; their agents must not run on.
 */
final class AgentRecords implements AgentJournal {
    private static final Logger log = LoggerFactory.getLogger(AgentRecords.class);

    private final Path dir;

    AgentRecords(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    @Override
    public void started(AttemptRef attempt, long pid, Instant processStart) {
        String line = pid + " " + processStart.toEpochMilli() + "\n";
        try {
            Files.writeString(file(attempt), line, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("could not record agent pid {} in {}: {}", pid, dir, e.getMessage());
        }
    }

    @Override
    public void ended(AttemptRef attempt) {
        try {
            Files.deleteIfExists(file(attempt));
        } catch (IOException e) {
            log.warn("could not remove {}: {}", file(attempt), e.getMessage());
        }
    }

    private Path file(AttemptRef attempt) {
        return dir.resolve(Long.toString(attempt.attemptId()));
    }

    /** Stop every agent a previous run of this spoke recorded and never saw end. Returns how many were found. */
    int stopLeftovers(Duration grace) {
        int found = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
                Files.deleteIfExists(file);
                if (parts.length != 2) {
                    continue;
                }
                try {
                    if (stop(Long.parseLong(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])), grace)) {
                        found++;
                    }
                } catch (NumberFormatException e) {
                    // not ours, or half-written: nothing to stop
                }
            }
        } catch (IOException e) {
            log.warn("could not read {}: {}", dir, e.getMessage());
        }
        return found;
    }

    private static boolean stop(long pid, Instant start, Duration grace) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        boolean same = process.isPresent() && process.get().info().startInstant()
                .map(s -> s.truncatedTo(ChronoUnit.MILLIS).equals(start.truncatedTo(ChronoUnit.MILLIS)))
                .orElse(false);
        if (same) {
            log.warn("stopping agent pid {} left running by this spoke's previous run", pid);
            ProcessGroups.terminate(process.get(), grace);
            return true;
        }
        if (process.isEmpty() && ProcessGroups.supported() && ProcessGroups.groupAlive(pid)) {
            // The leader is gone but its group lives on; a pid is not reused while a group carries it.
            log.warn("stopping what is left of agent group {} from this spoke's previous run", pid);
            ProcessGroups.kill(pid, List.of());
            return true;
        }
        return false;
    }
}
