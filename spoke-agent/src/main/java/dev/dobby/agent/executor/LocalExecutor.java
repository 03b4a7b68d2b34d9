package dev.dobby.agent.executor;

import dev.dobby.agent.runner.ProcessGroups;
import dev.dobby.agent.supervisor.AttemptFolder;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** Supervisors as children of this worker, on this machine (the hub's own worker and ordinary spokes). */
public final class LocalExecutor implements Executor {

    @Override
    public Execution launch(Launch launch) throws Refused {
        ProcessBuilder builder = new ProcessBuilder(launch.supervised())
                .directory(launch.workdir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.folder().supervisorLog().toFile()));
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        try {
            Process process = builder.start();
            return new Supervisor(process.toHandle(), process.info().startInstant().orElse(Instant.now()));
        } catch (IOException e) {
            throw new Refused("could not start " + launch.assignment().backend().wire() + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<Execution> find(AttemptFolder folder) {
        return folder.supervisor().map(handle -> new Supervisor(handle,
                handle.info().startInstant().orElse(Instant.now())));
    }

    @Override
    public void reap(AttemptFolder folder) {
        folder.agentGroup().ifPresent(ProcessGroups::killGroupIfAlive);
    }

    private record Supervisor(ProcessHandle handle, Instant startedAt) implements Execution {
        @Override
        public long pid() {
            return handle.pid();
        }

        @Override
        public boolean running() {
            return AttemptFolder.running(handle);
        }

        @Override
        public Optional<Ending> endedWithoutRecord(boolean stopRequested) {
            return Optional.empty();
        }
    }
}
