package dev.dobby.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where this Dobby checkout lives, found from the running jar (…/cli/target/dobby-cli.jar). */
public final class Install {
    private Install() {
    }

    public static Optional<Path> root() {
        try {
            Path jar = Path.of(Install.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent() == null ? null
                    : jar.getParent().getParent().getParent();
            if (root != null && Files.isRegularFile(root.resolve("dobby")) && Files.isDirectory(root.resolve("bin"))) {
                return Optional.of(root);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // not running from a checkout
        }
        return Optional.empty();
    }
}
