package dev.dobby.hub.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which webhook targets the hub refuses (SSRF), with and without webhook_allow_private. */
class WebhookTargetsTest {
    /** Plays DNS: names map to fixed addresses; literals resolve as themselves. */
    private static final WebhookTargets.Resolver DNS = host -> {
        Map<String, String[]> names = Map.of(
                "hooks.example.com", new String[] {"93.184.216.34"},
                "mixed.example.com", new String[] {"93.184.216.34", "10.1.2.3"},
                "rebound.example.com", new String[] {"127.0.0.1"},
                "metadata.google.internal", new String[] {"169.254.169.254"});
        String[] addresses = names.get(host);
        if (addresses == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            out[i] = InetAddress.getByName(addresses[i]);
        }
        return out;
    };

    private final WebhookTargets strict = new WebhookTargets(false, DNS);
    private final WebhookTargets allowing = new WebhookTargets(true, DNS);

    private static void refused(WebhookTargets targets, String url, String message) {
        assertThatThrownBy(() -> targets.check(URI.create(url))).as(url)
                .isInstanceOf(WebhookTargets.Refused.class).hasMessageContaining(message);
    }

    @Test
    void publicTargetsAreAllowed() throws Exception {
        assertThat(strict.check(URI.create("https://hooks.example.com/t/abc"))).hasSize(1);
        assertThat(strict.check(URI.create("http://93.184.216.34:8080/x"))).hasSize(1);
    }

    @Test
    void localAndPrivateTargetsAreRefusedUnlessAllowed() throws Exception {
        refused(strict, "http://127.0.0.1:9000/hook", "127.0.0.1 is a loopback address; set webhook_allow_private: true");
        refused(strict, "http://[::1]/hook", "loopback");
        refused(strict, "http://10.0.0.7/hook", "a private address");
        refused(strict, "http://172.16.5.4/hook", "a private address");
        refused(strict, "http://192.168.1.1/hook", "a private address");
        refused(strict, "http://169.254.10.10/hook", "a link-local address");
        refused(strict, "http://[fe80::1]/hook", "a link-local address");
        refused(strict, "http://[fd12:3456::1]/hook", "a private (unique local) address");
        refused(strict, "http://100.64.0.1/hook", "carrier-grade NAT");
        refused(strict, "http://0.0.0.0/hook", "an unspecified address");
        refused(strict, "http://[::ffff:127.0.0.1]/hook", "a loopback address");
        refused(strict, "http://[2002:7f00:1::]/hook", "a loopback address (inside an IPv6 address)");
        refused(strict, "http://[64:ff9b::a00:1]/hook", "a private address (inside an IPv6 address)");
        refused(strict, "http://224.0.0.1/hook", "a multicast address");
        refused(strict, "http://rebound.example.com/hook", "rebound.example.com resolves to 127.0.0.1, which is a loopback");
        refused(strict, "http://mixed.example.com/hook", "resolves to 10.1.2.3, which is a private address");
        refused(strict, "http://nowhere.invalid/hook", "cannot resolve nowhere.invalid");
        refused(strict, "ftp://hooks.example.com/x", "only http and https");
        refused(strict, "file:///etc/passwd", "only http and https");

        assertThat(allowing.check(URI.create("http://127.0.0.1:9000/hook"))).hasSize(1);
        assertThat(allowing.check(URI.create("http://10.0.0.7/hook"))).hasSize(1);
        assertThat(allowing.check(URI.create("http://mixed.example.com/hook"))).hasSize(2);
    }

    @Test
    void theCloudMetadataServiceIsRefusedEvenWhenPrivateTargetsAreAllowed() {
        for (WebhookTargets targets : new WebhookTargets[] {strict, allowing}) {
            refused(targets, "http://169.254.169.254/latest/meta-data/", "the cloud metadata service");
            refused(targets, "http://metadata.google.internal/computeMetadata/v1/", "the cloud metadata service");
            refused(targets, "http://[fd00:ec2::254]/latest/", "the cloud metadata service");
        }
    }
}
