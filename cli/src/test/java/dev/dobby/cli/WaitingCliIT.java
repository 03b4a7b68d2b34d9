package dev.dobby.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that no worker can take, as the packaged CLI shows it. */
class WaitingCliIT {
    @TempDir
    Path home;

    @Test
    void statusAndDetailSayWhichTasksCannotRunAndWhy() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("shop");
            Task gpu = hub.api().createTask(NewTask.of("echo on a GPU", "shop").withBackend(Backend.SHELL)
                    .withTarget(null, List.of("gpu")));
            Cli dobby = new Cli().env("DOBBY_URL", hub.url()).in(home);

            Cli.Result list = dobby.run("status", "shop");
            assertThat(list.code()).as(list.toString()).isZero();
            assertThat(list.out()).containsPattern("#" + gpu.id() + "\\s+pending \\(can't run\\)");

            Cli.Result detail = dobby.run("detail-status", String.valueOf(gpu.id()));
            assertThat(detail.code()).as(detail.toString()).isZero();
            assertThat(detail.out())
                    .containsPattern("Waiting\\s+can't run: no online worker with tags gpu can run shell tasks");
        }
    }
}
