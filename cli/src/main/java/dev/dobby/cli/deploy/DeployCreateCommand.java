package dev.dobby.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dobby.cli.CliException;
import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.ExitCode;
import dev.dobby.protocol.Enrolment;
import dev.dobby.protocol.NewEnrolment;
import dev.dobby.protocol.Spoke;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create", description = "Create a Vultr server that runs a spoke for this hub, and wait until it works.",
        footer = {"",
                "Waits (printing progress) until the server is active and its spoke has registered with the hub, then",
                "prints its name and address. Needs VULTR_API_KEY and the hub's hub_url (the address the server",
                "reaches the hub at).",
                "",
                "Example:",
                "  dobby deploy create --region ewr --plan vc2-2c-4gb --tag gpu --ssh-key laptop"})
public final class DeployCreateCommand extends ClientCommand {
    static final String TAG = "dobby-spoke";

    @Mixin
    VultrOptions vultr;

    @Option(names = "--region", required = true, paramLabel = "ID", description = "Vultr region (dobby deploy regions).")
    String region;

    @Option(names = "--plan", required = true, paramLabel = "ID", description = "Vultr plan (dobby deploy plans).")
    String plan;

    @Option(names = "--os", paramLabel = "NAME", defaultValue = "debian-13",
            description = "Operating system: FAMILY-VERSION of Vultr's x64 images (default debian-13; Debian 12 has no"
                    + " Java 21 package).")
    String os;

    @Option(names = "--name", paramLabel = "NAME", description = "Server and spoke name (default spoke-REGION-XXXX).")
    String name;

    @Option(names = "--tag", paramLabel = "TAG", description = "A spoke tag tasks can target; repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--ssh-key", paramLabel = "NAME", description = "Install this SSH key of your Vultr account.")
    String sshKey;

    @Option(names = "--user-data-out", paramLabel = "FILE", description = "Also write the cloud-init user-data here.")
    Path userDataOut;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "20m",
            description = "Give up waiting after this long (default 20m); the server is left as it is.")
    String waitTimeout;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "5", hidden = true)
    double pollSeconds;

    @Override
    protected int run() throws Exception {
        VultrClient cloud = vultr.client();
        HubSide hubSide = new HubSide(hubOptions.client());
        String hubUrl = hubSide.publicUrl();
        String spokeName = name != null ? name : "spoke-" + region + "-" + HexFormat.of().formatHex(randomBytes());
        if (!CloudInit.NAME.matcher(spokeName).matches()) {
            throw new CliException(ExitCode.USAGE, "--name must be letters, digits, '.', '_' or '-' (at most 64)");
        }
        if (hubSide.spoke(spokeName).isPresent()) {
            throw new CliException(ExitCode.REFUSED, "the hub already has a spoke named " + spokeName
                    + "; choose another --name");
        }
        long osId = osId(cloud);
        List<String> keyIds = sshKeyIds(cloud);
        Enrolment enrolment = hub().mintEnrolment(new NewEnrolment(spokeName, null));
        String userData = CloudInit.render(hubUrl, spokeName, tags, enrolment.token(), hubSide.jarSha256());
        if (userDataOut != null) {
            Files.writeString(userDataOut, userData, StandardCharsets.UTF_8);
        }
        ObjectNode body = cloud.newObject()
                .put("region", region).put("plan", plan).put("os_id", osId)
                .put("label", spokeName).put("hostname", spokeName)
                .put("user_data", Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
        body.putArray("tags").add(TAG);
        keyIds.forEach(body.putArray("sshkey_id")::add);
        JsonNode created = cloud.createInstance(body);
        String id = created.path("id").asText();
        say("Creating " + spokeName + " (" + plan + " in " + region + ", instance " + id + ")");

        Instant deadline = Instant.now().plus(dev.dobby.protocol.Durations.parse(waitTimeout));
        String ip = awaitActive(cloud, id, deadline);
        say("Server " + spokeName + " is active at " + ip + "; waiting for its spoke to install Java and register");
        awaitSpoke(hubSide, spokeName, ip, deadline);
        out().println(spokeName + " " + ip);
        out().flush();
        return ExitCode.OK;
    }

    private String awaitActive(VultrClient cloud, String id, Instant deadline) throws InterruptedException {
        String last = null;
        while (true) {
            JsonNode instance = cloud.instance(id);
            String status = instance.path("status").asText() + "/" + instance.path("server_status").asText();
            if (!status.equals(last)) {
                say("  server: " + status.replace("/", ", "));
                last = status;
            }
            String ip = instance.path("main_ip").asText("");
            if ("active".equals(instance.path("status").asText()) && !ip.isEmpty() && !"0.0.0.0".equals(ip)) {
                return ip;
            }
            pause(deadline, "the server to become active");
        }
    }

    private void awaitSpoke(HubSide hubSide, String spokeName, String ip, Instant deadline) throws InterruptedException {
        String last = null;
        while (true) {
            Spoke.State state = hubSide.spoke(spokeName).map(Spoke::state).orElse(null);
            if (state == Spoke.State.ONLINE) {
                say("  spoke: online");
                return;
            }
            String now = state == null ? "not registered yet" : state.wire();
            if (!Objects.equals(now, last)) {
                say("  spoke: " + now);
                last = now;
            }
            pause(deadline, "spoke " + spokeName + " to register (on the server: journalctl -u dobby-spoke,"
                    + " /var/log/cloud-init-output.log; ssh root@" + ip + ")");
        }
    }

    private void pause(Instant deadline, String what) throws InterruptedException {
        if (Instant.now().isAfter(deadline)) {
            throw new CliException(ExitCode.ERROR, "gave up waiting for " + what + " after " + waitTimeout
                    + "; the server is left running (dobby deploy destroy NAME removes it)");
        }
        Thread.sleep(Duration.ofMillis((long) (pollSeconds * 1000)));
    }

    private long osId(VultrClient cloud) {
        int dash = os.lastIndexOf('-');
        String family = dash < 0 ? os : os.substring(0, dash);
        String version = dash < 0 ? "" : os.substring(dash + 1);
        List<JsonNode> images = cloud.operatingSystems().stream()
                .filter(o -> o.path("family").asText().equalsIgnoreCase(family))
                .filter(o -> "x64".equals(o.path("arch").asText()))
                .toList();
        return images.stream()
                .filter(o -> version.isEmpty() || (" " + o.path("name").asText() + " ").contains(" " + version + " "))
                .findFirst().map(o -> o.path("id").asLong())
                .orElseThrow(() -> new CliException(ExitCode.USAGE, "Vultr has no x64 image for --os " + os
                        + (images.isEmpty() ? "" : "; of " + family + " it has: " + String.join(", ",
                        images.stream().map(o -> o.path("name").asText()).toList()))));
    }

    private List<String> sshKeyIds(VultrClient cloud) {
        if (sshKey == null) {
            return List.of();
        }
        List<JsonNode> keys = cloud.sshKeys();
        return List.of(keys.stream().filter(k -> k.path("name").asText().equals(sshKey)).findFirst()
                .map(k -> k.path("id").asText())
                .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "your Vultr account has no SSH key named "
                        + sshKey + (keys.isEmpty() ? "" : " (it has: " + String.join(", ",
                        keys.stream().map(k -> k.path("name").asText()).toList()) + ")"))));
    }

    private void say(String line) {
        err().println(line);
        err().flush();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[2];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
