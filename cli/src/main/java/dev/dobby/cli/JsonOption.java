package dev.dobby.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print the API's JSON instead of the human view. */
public final class JsonOption {
    @Option(names = "--json", description = "Print the hub's JSON, for scripts and jq.")
    public boolean json;
}
