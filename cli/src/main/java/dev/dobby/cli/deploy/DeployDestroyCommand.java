package dev.dobby.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.cli.CliException;
import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.ExitCode;
import dev.dobby.protocol.Durations;
import dev.dobby.protocol.Spoke;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "destroy", description = "Destroy a server dobby deploy made, once its spoke has no task running.",
        footer = {"",
                "Waits until the spoke's running tasks have ended (--force does not), then deletes the server. A task",
                "the spoke took meanwhile is not lost: the hub runs it elsewhere once the spoke's lease has run out."})
public final class DeployDestroyCommand extends ClientCommand {
    @Mixin
    VultrOptions vultr;

    @Parameters(paramLabel = "NAME", description = "The server's name (dobby deploy list).")
    String name;

    @Option(names = "--force", description = "Do not wait for running tasks.")
    boolean force;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "1h",
            description = "Give up waiting for running tasks after this long (default 1h).")
    String drainTimeout;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "5", hidden = true)
    double pollSeconds;

    @Override
    protected int run() throws InterruptedException {
        VultrClient cloud = vultr.client();
        JsonNode server = cloud.instances(DeployCreateCommand.TAG).stream()
                .filter(s -> s.path("label").asText().equals(name)).findFirst()
                .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "no server named " + name
                        + " was made by dobby deploy (dobby deploy list shows them)"));
        if (!force) {
            drain(new HubSide(hubOptions.client()));
        }
        cloud.deleteInstance(server.path("id").asText());
        out().println("Destroyed " + name + " (" + server.path("main_ip").asText() + ")");
        out().flush();
        return 0;
    }

    private void drain(HubSide hub) throws InterruptedException {
        Instant deadline = Instant.now().plus(Durations.parse(drainTimeout));
        int last = -1;
        while (true) {
            int running = hub.spoke(name).filter(s -> s.state() != Spoke.State.LOST && s.state() != Spoke.State.STOPPED)
                    .map(s -> s.runningTasks().size()).orElse(0);
            if (running == 0) {
                return;
            }
            if (running != last) {
                err().println("Waiting for " + running + " task(s) running on " + name + " to end (--force does not)");
                err().flush();
                last = running;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new CliException(ExitCode.REFUSED, name + " still runs " + running + " task(s) after "
                        + drainTimeout + "; nothing was destroyed (--force destroys it anyway)");
            }
            Thread.sleep(Duration.ofMillis((long) (pollSeconds * 1000)));
        }
    }
}
