package dev.dobby.hub.testing;

import dev.dobby.hub.Hub;
import dev.dobby.hub.config.HubConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs a hub in its own JVM so a test can kill it with SIGKILL: {@code HubMain HOME [LEASE_S HEARTBEAT_S
 * LOCAL_AGENTS]}. Prints "port N".
 */
public final class HubMain {
    private HubMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        HubConfig config = HubConfig.defaults(Path.of(args[0])).withPort(0).withKillGrace(Duration.ofSeconds(1));
        if (args.length >= 4) {
            config = config.withLease(Duration.ofSeconds(Long.parseLong(args[1])),
                    Duration.ofSeconds(Long.parseLong(args[2]))).withMaxConcurrentAgents(Integer.parseInt(args[3]));
        }
        Hub hub = Hub.builder()
                .config(config)
                .build()
                .start();
        System.out.println("port " + hub.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
