package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.HubProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebinding page's name resolves to 127.0.0.1 by the attacker's DNS; a hosts file given to the hub's JVM plays
 * that DNS here, so the hub would see the name as loopback if it looked it up.
 */
class DnsRebindingTest {
    @TempDir
    Path home;

    @Test
    void aNameThatResolvesToLoopbackIsStillRefused() throws Exception {
        Path hosts = Files.writeString(home.resolve("hosts"),
                "127.0.0.1 localhost rebind.attacker.example\n::1 localhost\n");
        try (HubProcess hub = HubProcess.start(home, List.of(), List.of("-Djdk.net.hosts.file=" + hosts))) {
            String body = "{\"description\":\"echo pwned\",\"project\":\"p\",\"backend\":\"shell\"}";
            String rebound = rawPost(hub.port(), "rebind.attacker.example:" + hub.port(), body);
            assertThat(rebound).startsWith("HTTP/1.1 403")
                    .contains("requests for host 'rebind.attacker.example' are refused");
            for (String foreign : List.of("REBIND.attacker.example", "127.0.0.1.attacker.example",
                    "localhost.attacker.example", "0x7f000001", "2130706433")) {
                assertThat(rawPost(hub.port(), foreign, body)).as(foreign).startsWith("HTTP/1.1 403");
            }

            for (String local : List.of("localhost", "LocalHost:1", "dobby.localhost", "127.0.0.1", "127.1.2.3:9",
                    "[::1]:" + hub.port())) {
                assertThat(rawPost(hub.port(), local, body)).as(local).doesNotStartWith("HTTP/1.1 403");
            }
        }
    }

    /** A POST with a Host header of our choosing, which Java's HTTP client will not send. */
    private static String rawPost(int port, String host, String body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /tasks HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
