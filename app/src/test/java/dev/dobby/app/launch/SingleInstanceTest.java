package dev.dobby.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {
    @TempDir
    Path home;

    @Test
    void aSecondLaunchBringsTheFirstForwardInsteadOfStarting() throws Exception {
        AtomicInteger shown = new AtomicInteger();
        Optional<SingleInstance> first = SingleInstance.acquire(home, shown::incrementAndGet);
        assertThat(first).isPresent();
        assertThat(Files.exists(home.resolve("app.port"))).isTrue();

        assertThat(SingleInstance.acquire(home, () -> { })).isEmpty();
        assertThat(SingleInstance.signalRunning(home)).isTrue();
        Await.until(() -> shown.get() == 1, Duration.ofSeconds(5), "the first instance to be asked for its window");

        first.get().close();
        assertThat(SingleInstance.signalRunning(home)).isFalse();
        Optional<SingleInstance> again = SingleInstance.acquire(home, () -> { });
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void nobodyAnswersWhenNoAppRuns() {
        assertThat(SingleInstance.signalRunning(home)).isFalse();
    }
}
