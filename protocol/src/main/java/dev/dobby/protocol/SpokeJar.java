package dev.dobby.protocol;

/** Where the hub serves the spoke's runnable jar and its SHA-256, for servers it provisions (dobby deploy). */
public final class SpokeJar {
    public static final String FILE_NAME = "dobby-spoke.jar";
    /** The hex SHA-256 of the jar, in the jar's response and as the whole body of {@link Routes#SPOKE_JAR_SHA256}. */
    public static final String CHECKSUM_HEADER = "X-Checksum-SHA256";

    private SpokeJar() {
    }
}
