package dev.dobby.cli;

import picocli.CommandLine.IVersionProvider;

public final class VersionProvider implements IVersionProvider {
    public static String version() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"dobby " + version() + " (Java " + Runtime.version().feature() + ")"};
    }
}
