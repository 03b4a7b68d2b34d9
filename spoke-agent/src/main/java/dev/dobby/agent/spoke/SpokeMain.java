package dev.dobby.agent.spoke;

import java.nio.file.Path;

/** {@code java -cp ... dev.dobby.agent.spoke.SpokeMain --hub URL --id NAME ...}: a spoke without the dobby command. */
public final class SpokeMain {
    private SpokeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SpokeOptions options;
        try {
            options = SpokeOptions.parse(args, System.getenv(), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println("dobby agent: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new SpokeAgent(options, System.getenv(), System.out).run());
    }
}
