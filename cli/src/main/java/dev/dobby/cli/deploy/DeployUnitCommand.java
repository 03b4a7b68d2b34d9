package dev.dobby.cli.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "unit",
        description = "Print a systemd unit that runs a spoke on a Linux server, with the steps to install it.",
        footer = {"",
                "For servers you provision yourself: put Dobby on it, then install the unit this prints.",
                "",
                "Example:",
                "  dobby deploy unit --hub https://dobby.example.com --id gpu-1 --tag gpu > dobby-spoke.service"})
public final class DeployUnitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hub", required = true, paramLabel = "URL", description = "The hub the spoke dials out to.")
    String hub;

    @Option(names = "--id", required = true, paramLabel = "NAME", description = "The spoke's name.")
    String id;

    @Option(names = "--tag", paramLabel = "TAG", description = "Labels tasks can target (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--user", paramLabel = "USER", defaultValue = "dobby", description = "The account it runs as (default dobby).")
    String user;

    @Option(names = "--dobby", paramLabel = "PATH", defaultValue = "/opt/dobby/dobby",
            description = "Where the dobby launcher is on the server (default /opt/dobby/dobby).")
    String launcher;

    @Override
    public Integer call() {
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("--id must be letters, digits, '.', '_' or '-'");
        }
        StringBuilder exec = new StringBuilder(launcher + " agent --hub " + hub + " --id " + id);
        tags.forEach(t -> exec.append(" --tag ").append(t));
        var out = spec.commandLine().getOut();
        out.println("# Install: copy to /etc/systemd/system/dobby-spoke.service, put the hub's enrolment token in");
        out.println("# /etc/dobby/spoke.env as DOBBY_SPOKE_TOKEN=..., then: systemctl daemon-reload &&");
        out.println("# systemctl enable --now dobby-spoke. Stopping it drains: running tasks finish first.");
        out.println("[Unit]");
        out.println("Description=Dobby spoke " + id);
        out.println("After=network-online.target");
        out.println("Wants=network-online.target");
        out.println();
        out.println("[Service]");
        out.println("User=" + user);
        out.println("EnvironmentFile=-/etc/dobby/spoke.env");
        out.println("ExecStart=" + exec);
        out.println("KillMode=mixed");
        out.println("TimeoutStopSec=1h");
        out.println("Restart=on-failure");
        out.println("RestartSec=5");
        out.println();
        out.println("[Install]");
        out.println("WantedBy=multi-user.target");
        out.flush();
        return 0;
    }
}
