package dev.dobby.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Spoke;
import dev.dobby.protocol.client.WorkHttpClient;
import dev.dobby.protocol.work.WorkerHello;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * dobby deploy against a loopback stand-in of Vultr's API: lists over several pages through 429 and 5xx answers,
 * a refused key, a hub without hub_url, and a server whose cloud-init brings up a spoke that enrols with its
 * single-use token, survives a reboot with its own credential, and goes when destroyed.
 */
@Timeout(240)
class DeployIT {
    private static final Path OUTPUT = Path.of("target", "deploy-user-data");

    @TempDir
    Path home;

    private static Cli dobby(FakeVultr vultr, String hubUrl, String apiKey) {
        Cli cli = new Cli().env("VULTR_API_URL", vultr.url()).env("VULTR_API_KEY", FakeVultr.KEY);
        if (hubUrl != null) {
            cli.env("DOBBY_URL", hubUrl);
        }
        if (apiKey != null) {
            cli.env("DOBBY_API_KEY", apiKey);
        }
        return cli;
    }

    @Test
    void plansAndRegionsReadEveryPageThroughRateLimitsAndServerErrors() throws Exception {
        try (FakeVultr vultr = FakeVultr.start(home)) {
            vultr.failNext(429);
            vultr.failNext(503);
            Cli.Result plans = dobby(vultr, null, null).run("deploy", "plans", "--region", "ewr");
            assertThat(plans.code()).as(plans.toString()).isZero();
            assertThat(plans.out().lines().toList()).hasSize(6).first().asString()
                    .matches("PLAN\\s+CPUS\\s+RAM\\s+DISK\\s+\\$/MONTH");
            assertThat(plans.out()).containsPattern("vc2-2c-4gb\\s+2\\s+4096 MB\\s+80 GB\\s+20\\.00")
                    .contains("vcg-a100-1c-6g-4vram");
            assertThat(vultr.requests).filteredOn(r -> r.startsWith("GET /plans")).hasSize(5); // 2 failed + 3 pages

            Cli.Result regions = dobby(vultr, null, null).run("deploy", "regions");
            assertThat(regions.out()).containsPattern("ewr\\s+New Jersey\\s+US\\s+North America").contains("nrt");
        }
    }

    @Test
    void aRefusedKeyAndAHubWithoutAPublicAddressAreOneLineErrors() throws Exception {
        try (FakeVultr vultr = FakeVultr.start(home); TestHub hub = TestHub.start(home.resolve("hub"))) {
            Cli.Result refused = dobby(vultr, null, null).env("VULTR_API_KEY", "wrong").run("deploy", "regions");
            assertThat(refused.code()).isEqualTo(ExitCode.UNAUTHORIZED);
            assertThat(refused.err()).isEqualTo("dobby: Vultr refused the API key in VULTR_API_KEY (401: Invalid API"
                    + " token.); check it, and that this machine's address is allowed under Account → API\n");

            Cli.Result noKey = new Cli().env("VULTR_API_URL", vultr.url()).run("deploy", "list");
            assertThat(noKey.code()).isEqualTo(ExitCode.USAGE);
            assertThat(noKey.err()).contains("set VULTR_API_KEY");

            for (int i = 0; i < 4; i++) {
                vultr.failNext(503);
            }
            Cli.Result down = dobby(vultr, null, null).run("deploy", "regions");
            assertThat(down.code()).isEqualTo(ExitCode.ERROR);
            assertThat(down.err()).isEqualTo("dobby: Vultr failed (503 on GET /regions: Internal error); try again"
                    + " later\n");

            Cli.Result noUrl = dobby(vultr, hub.url(), null).run("deploy", "create", "--region", "ewr", "--plan",
                    "vc2-2c-4gb");
            assertThat(noUrl.code()).isEqualTo(ExitCode.REFUSED);
            assertThat(noUrl.err()).startsWith("dobby: a new server must reach the hub, but its hub_url is not set."
                    + " Expose the hub (a tunnel such as `cloudflared tunnel --url http://127.0.0.1:8420`");
            assertThat(vultr.created).isEmpty();
        }
    }

    @Test
    void createBringsUpASpokeThatEnrolsOnceSurvivesARebootAndDestroyRemovesIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String hubUrl = "http://127.0.0.1:" + port;
        try (FakeVultr vultr = FakeVultr.start(home.resolve("servers"));
             TestHub hub = TestHub.start(home.resolve("hub"), c -> c.withPort(port).withHubUrl(hubUrl)
                     .withApiKey("hub-secret-key").withMaxConcurrentAgents(0))) {
            Cli cli = dobby(vultr, hubUrl, "hub-secret-key");
            Cli.Result created = cli.run("deploy", "create", "--region", "ewr", "--plan", "vc2-2c-4gb", "--name",
                    "gpu-node-1", "--tag", "gpu", "--ssh-key", "laptop", "--poll-interval", "0.2");
            assertThat(created.code()).as(created + "\n" + logOf(vultr)).isZero();
            assertThat(created.out()).isEqualTo("gpu-node-1 127.0.0.1\n");
            assertThat(created.err()).contains("Creating gpu-node-1 (vc2-2c-4gb in ewr, instance ",
                    "  server: pending, none", "  server: active, ok",
                    "Server gpu-node-1 is active at 127.0.0.1; waiting for its spoke", "  spoke: online");

            var request = vultr.created.getFirst();
            assertThat(request.path("os_id").asLong()).isEqualTo(2625); // Debian 13: the first with Java 21
            assertThat(request.path("sshkey_id").get(0).asText()).isEqualTo("cb676a46-66fd-4dfb-b839-443f2e6c0b60");
            assertThat(request.path("tags").get(0).asText()).isEqualTo("dobby-spoke");
            String userData = new String(Base64.getDecoder().decode(request.path("user_data").asText()),
                    StandardCharsets.UTF_8);
            Files.createDirectories(OUTPUT);
            Path rendered = Files.writeString(OUTPUT.resolve("gpu-node-1.yaml"), userData);
            assertThat(userData).startsWith("#cloud-config\n").doesNotContain("hub-secret-key")
                    .contains("ExecStart=/usr/bin/java -jar /opt/dobby/dobby-spoke.jar --hub " + hubUrl
                            + " --id gpu-node-1 --home /var/lib/dobby --tag gpu");
            validateSchema(rendered);

            Spoke spoke = hub.api().spokes().stream().filter(s -> s.id().equals("gpu-node-1")).findFirst().orElseThrow();
            assertThat(spoke.state()).isEqualTo(Spoke.State.ONLINE);
            assertThat(spoke.capabilities().tags()).containsExactly("gpu");

            // The enrolment token was spent; the file now holds the spoke's own credential.
            String token = null;
            for (var file : new com.fasterxml.jackson.databind.ObjectMapper(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(userData).path("write_files")) {
                if (file.path("path").asText().equals("/etc/dobby/spoke.token")) {
                    token = file.path("content").asText().strip();
                }
            }
            assertThat(token).hasSizeGreaterThan(20);
            FakeInstance server = vultr.instance("gpu-node-1");
            assertThat(Files.readString(server.tokenFile()).strip()).isNotEqualTo(token).hasSizeGreaterThan(20);
            WorkHttpClient thief = new WorkHttpClient(hubUrl, token, null);
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                    () -> thief.register(new WorkerHello("gpu-node-1", spoke.capabilities(), "test"))).status()).isEqualTo(401);

            server.rebootSpoke();
            Await.until(() -> server.log().split("registered with", -1).length == 3, Duration.ofSeconds(60),
                    "the spoke to register again after the reboot: " + server.log());

            Cli.Result list = cli.run("deploy", "list");
            assertThat(list.out()).containsPattern("gpu-node-1\\s+127\\.0\\.0\\.1\\s+ewr\\s+vc2-2c-4gb\\s+active,"
                    + " running\\s+online\\s+0");

            Cli.Result destroyed = cli.run("deploy", "destroy", "gpu-node-1", "--poll-interval", "0.2");
            assertThat(destroyed.code()).as(destroyed.toString()).isZero();
            assertThat(destroyed.out()).isEqualTo("Destroyed gpu-node-1 (127.0.0.1)\n");
            assertThat(cli.run("deploy", "list").out()).startsWith("No servers made by dobby deploy.");
            Cli.Result again = cli.run("deploy", "destroy", "gpu-node-1");
            assertThat(again.code()).isEqualTo(ExitCode.NOT_FOUND);
        }
    }

    private static String logOf(FakeVultr vultr) {
        FakeInstance server = vultr.instance("gpu-node-1");
        return server == null ? "(no server)" : server.log();
    }

    /** cloud-init's own schema check (./test installs cloud-init). */
    private static void validateSchema(Path userData) throws Exception {
        Process check = new ProcessBuilder("cloud-init", "schema", "-c", userData.toString()).redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("Valid cloud-config");
    }
}
