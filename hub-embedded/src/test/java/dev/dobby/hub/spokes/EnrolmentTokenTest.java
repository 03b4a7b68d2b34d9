package dev.dobby.hub.spokes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dobby.hub.testing.SteppedClock;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Enrolment;
import dev.dobby.protocol.NewEnrolment;
import dev.dobby.protocol.Routes;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.client.HubHttpClient;
import dev.dobby.protocol.client.WorkHttpClient;
import dev.dobby.protocol.work.WorkerHello;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-use enrolment tokens over HTTP: bound to one spoke id, spent by the first registration, dead after their
 * time; only the API key mints them. And the spoke jar the hub serves for new servers, with its checksum.
 */
class EnrolmentTokenTest {
    private static final String KEY = "hub-api-key";
    private static final Spoke.Capabilities CAPS = new Spoke.Capabilities(List.of(), List.of(), "Linux", 2, 1, List.of(), java.util.Map.of());

    @TempDir
    Path home;

    private static ApiException registering(String url, String token, String id) {
        return catchThrowableOfType(ApiException.class,
                () -> new WorkHttpClient(url, token, null).register(new WorkerHello(id, CAPS, "test")));
    }

    @Test
    void aTokenRegistersItsOwnSpokeOnceAndOnlyBeforeItExpires() {
        SteppedClock clock = SteppedClock.running(Instant.parse("2026-12-02T05:00:00Z"));
        try (TestHub hub = TestHub.start(home, c -> c.withApiKey(KEY), b -> b.clock(clock))) {
            HubHttpClient api = new HubHttpClient(hub.url(), KEY);
            Instant before = clock.instant();
            Enrolment enrolment = api.mintEnrolment(new NewEnrolment("gpu-node-1", 120));
            assertThat(enrolment.expiresAt()).isBetween(before.plusSeconds(120), clock.instant().plusSeconds(120));

            assertThat(registering(hub.url(), enrolment.token(), "someone-else").status()).isEqualTo(401);
            new WorkHttpClient(hub.url(), enrolment.token(), null).register(new WorkerHello("gpu-node-1", CAPS, "t"));
            assertThat(registering(hub.url(), enrolment.token(), "gpu-node-1").status()).isEqualTo(401);

            Enrolment late = api.mintEnrolment(new NewEnrolment("gpu-node-2", 60));
            clock.step(Duration.ofSeconds(61));
            assertThat(registering(hub.url(), late.token(), "gpu-node-2")).hasMessage("wrong enrolment token");

            assertThat(catchThrowableOfType(ApiException.class, () -> new HubHttpClient(hub.url(), late.token())
                    .mintEnrolment(new NewEnrolment("x", null))).status()).isEqualTo(401);
            assertThat(catchThrowableOfType(ApiException.class, () -> api.mintEnrolment(new NewEnrolment("x", 5)))
                    .getMessage()).isEqualTo("ttl must be between 60 and 86400");
        }
    }

    @Test
    void theSpokeJarIsServedWithoutAKeyAndMatchesItsChecksum() throws Exception {
        try (TestHub hub = TestHub.start(home, c -> c.withApiKey(KEY))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> jar = http.send(HttpRequest.newBuilder(URI.create(hub.url() + Routes.SPOKE_JAR)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(jar.statusCode()).isEqualTo(200);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar.body()));
            assertThat(jar.headers().firstValue("X-Checksum-SHA256")).contains(sha);
            String listed = http.send(HttpRequest.newBuilder(URI.create(hub.url() + Routes.SPOKE_JAR_SHA256)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(listed).isEqualTo(sha + "  dobby-spoke.jar\n");
            try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar.body()))) {
                assertThat(in.getManifest().getMainAttributes().getValue("Main-Class"))
                        .isEqualTo("dev.dobby.agent.spoke.SpokeMain");
            }
        }
    }
}
