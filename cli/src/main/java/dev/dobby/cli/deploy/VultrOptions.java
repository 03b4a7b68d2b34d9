package dev.dobby.cli.deploy;

import picocli.CommandLine.Option;

/** Where Vultr's API is and the key to it. */
public final class VultrOptions {
    @Option(names = "--vultr-url", paramLabel = "URL", defaultValue = "${env:VULTR_API_URL}",
            description = "Vultr's API (default: VULTR_API_URL, else " + VultrClient.DEFAULT_URL + ").")
    String url;

    VultrClient client() {
        String base = url == null || url.isBlank() ? VultrClient.DEFAULT_URL : url.strip();
        return new VultrClient(base, System.getenv("VULTR_API_KEY"));
    }
}
