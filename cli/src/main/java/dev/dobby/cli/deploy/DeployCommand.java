package dev.dobby.cli.deploy;

import picocli.CommandLine.Command;

@Command(name = "deploy",
        description = "Provision spokes on Vultr servers (or print a systemd unit for a server of your own).",
        subcommands = {DeployCreateCommand.class, DeployListCommand.class, DeployDestroyCommand.class,
                DeployPlansCommand.class, DeployRegionsCommand.class, DeployUnitCommand.class},
        footer = {"",
                "create, list, destroy, plans and regions use Vultr's API with VULTR_API_KEY (--vultr-url or",
                "VULTR_API_URL point them elsewhere). A new server installs Java from its OS's packages, fetches this",
                "hub's spoke jar (checked by SHA-256) and enrols with a single-use token the hub mints for it, never",
                "the hub's API key. The server must reach the hub at its hub_url.",
                "",
                "Examples:",
                "  dobby deploy plans --region ewr",
                "  dobby deploy create --region ewr --plan vc2-2c-4gb --tag gpu",
                "  dobby deploy list",
                "  dobby deploy destroy spoke-ewr-1a2b",
                "  dobby deploy unit --hub https://dobby.example.com --id gpu-1 > dobby-spoke.service"})
public final class DeployCommand {
}
