package dev.dobby.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.cli.output.Table;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plans", description = "List Vultr's server plans (all pages), cheapest first.")
public final class DeployPlansCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VultrOptions vultr;

    @Option(names = "--region", paramLabel = "ID", description = "Only plans offered in this region (e.g. ewr).")
    String region;

    @Override
    public Integer call() {
        List<JsonNode> plans = vultr.client().plans().stream()
                .filter(p -> region == null || StreamSupport.stream(p.path("locations").spliterator(), false)
                        .anyMatch(l -> l.asText().equals(region)))
                .sorted(java.util.Comparator.comparingDouble(p -> p.path("monthly_cost").asDouble()))
                .toList();
        Table table = new Table("PLAN", "CPUS", "RAM", "DISK", "$/MONTH");
        for (JsonNode p : plans) {
            table.row(p.path("id").asText(), p.path("vcpu_count").asText(), p.path("ram").asLong() + " MB",
                    p.path("disk").asLong() + " GB", String.format(Locale.ROOT, "%.2f", p.path("monthly_cost").asDouble()));
        }
        table.print(spec.commandLine().getOut(), dev.dobby.cli.output.Style.detect());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
