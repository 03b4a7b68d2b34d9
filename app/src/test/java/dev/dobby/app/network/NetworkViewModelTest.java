package dev.dobby.app.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.app.fx.Background;
import dev.dobby.app.fx.EventBridge;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.event.SpokeChanged;
import dev.dobby.protocol.work.WorkerHello;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkViewModelTest {
    @TempDir
    Path home;

    @Test
    void workersShowTheirStateCapabilitiesAndRunningTasks() {
        try (TestHub hub = TestHub.start(home)) {
            NetworkViewModel model = new NetworkViewModel(hub.api(), Background.direct(), hub.url());
            model.refresh();
            assertThat(model.workers()).extracting(NetworkViewModel.WorkerNode::id).containsExactly("local");
            assertThat(model.online()).isEqualTo(1);

            hub.hub().work().register(new WorkerHello("gpu-box", new Spoke.Capabilities(List.of(Backend.CLAUDE),
                    List.of(), "Linux", 8, 2, List.of(new Spoke.Gpu(0, "NVIDIA H200", 143771, 2048, 12))), "t"),
                    false, null);
            Spoke registered = hub.api().spokes().stream().filter(s -> s.id().equals("gpu-box")).findFirst()
                    .orElseThrow();
            model.onEvents(new EventBridge.Batch(List.of(new SpokeChanged(1, Instant.now(), registered)), null,
                    List.of(), false));
            NetworkViewModel.WorkerNode node = model.workers().get(1);
            assertThat(node.id()).isEqualTo("gpu-box");
            assertThat(node.hover()).contains("online").contains("backends: claude")
                    .contains("NVIDIA H200 (2048/143771 MiB, 12%)").contains("idle");
            model.select(node);

            Spoke lost = new Spoke("gpu-box", Spoke.State.LOST, false, registered.capabilities(),
                    registered.registeredAt(), registered.lastHeartbeat(), List.of());
            model.onEvents(new EventBridge.Batch(List.of(new SpokeChanged(2, Instant.now(), lost)), null, List.of(),
                    false));
            assertThat(model.workers().get(1).state()).isEqualTo(Spoke.State.LOST);
            assertThat(model.selectedProperty().get().state()).isEqualTo(Spoke.State.LOST);
            assertThat(model.online()).isEqualTo(1);

            hub.project("p");
            Task sleeper = hub.shell("p", "sleep 20");
            hub.awaitStatus(sleeper.id(), TaskStatus.RUNNING, Duration.ofSeconds(20));
            model.refresh();
            assertThat(model.workers().getFirst().running()).containsExactly("#" + sleeper.id() + " sleep 20");
            assertThat(model.workers().getFirst().details()).contains("The hub's own worker local");
            hub.api().cancelTask(sleeper.id());
        }
    }
}
