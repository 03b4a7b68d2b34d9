package dev.dobby.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "regions", description = "List Vultr's regions (all pages).")
public final class DeployRegionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VultrOptions vultr;

    @Override
    public Integer call() {
        Table table = new Table("REGION", "CITY", "COUNTRY", "CONTINENT");
        for (JsonNode r : vultr.client().regions()) {
            table.row(r.path("id").asText(), r.path("city").asText(), r.path("country").asText(),
                    r.path("continent").asText());
        }
        table.print(spec.commandLine().getOut(), dev.dobby.cli.output.Style.detect());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
