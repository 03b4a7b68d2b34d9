package dev.dobby.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubUnreachableException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void waitsGrowToTheCeilingWithJitterAndStartOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000));
        long[] ceilings = {100, 200, 400, 800, 1_000, 1_000, 1_000};
        for (long ceiling : ceilings) {
            long wait = backoff.next().toMillis();
            assertThat(wait).isBetween(ceiling / 4, ceiling);
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(25L, 100L);
    }

    @Test
    void jitterSpreadsAFleetOut() {
        java.util.Set<Long> waits = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
            backoff.next();
            waits.add(backoff.next().toMillis());
        }
        assertThat(waits).hasSizeGreaterThan(10);
    }

    @Test
    void onlyAnswersThatMeanNotNowAreWorthRepeating() {
        assertThat(Backoff.isTransient(new HubUnreachableException("http://h", new IOException("refused")))).isTrue();
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(Backoff.isTransient(new ApiException(status, "x"))).as("HTTP " + status).isTrue();
        }
        for (int status : new int[] {400, 401, 403, 404, 409, 413}) {
            assertThat(Backoff.isTransient(new ApiException(status, "x"))).as("HTTP " + status).isFalse();
        }
        assertThat(Backoff.isTransient(new IllegalStateException())).isFalse();
    }
}
