package dev.dobby.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.cli.ClientCommand;
import dev.dobby.cli.output.Table;
import dev.dobby.protocol.HubUnreachableException;
import dev.dobby.protocol.Spoke;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List the Vultr servers dobby deploy made, with their spokes' state in the hub.")
public final class DeployListCommand extends ClientCommand {
    @Mixin
    VultrOptions vultr;

    @Override
    protected int run() {
        List<JsonNode> servers = vultr.client().instances(DeployCreateCommand.TAG);
        Map<String, Spoke> spokes;
        String unknown = "not registered";
        try {
            spokes = hub().spokes().stream().collect(Collectors.toMap(Spoke::id, Function.identity()));
        } catch (HubUnreachableException e) {
            spokes = Map.of();
            unknown = "? (no hub)";
        }
        Table table = new Table("NAME", "IP", "REGION", "PLAN", "SERVER", "SPOKE", "RUNNING");
        for (JsonNode s : servers) {
            Spoke spoke = spokes.get(s.path("label").asText());
            table.row(s.path("label").asText(), s.path("main_ip").asText(), s.path("region").asText(),
                    s.path("plan").asText(), s.path("status").asText() + ", " + s.path("power_status").asText(),
                    spoke == null ? unknown : spoke.state().wire(),
                    spoke == null ? "" : Integer.toString(spoke.runningTasks().size()));
        }
        if (servers.isEmpty()) {
            out().println("No servers made by dobby deploy. Create one with: dobby deploy create --region R --plan P");
        } else {
            table.print(out(), style());
        }
        out().flush();
        return 0;
    }
}
