package dev.dobby.agent.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The supervisor program, copied out of the jar once per content (its name carries a hash, so a running
 * supervisor's file is never rewritten under it by a newer version) and the argv that runs an agent under it.
 */
public final class SupervisorScript {
    private static final String RESOURCE = "dobby-supervise.pl";

    private final Path file;

    private SupervisorScript(Path file) {
        this.file = file;
    }

    /** The script, installed under {@code root} if it is not there yet. */
    public static SupervisorScript installIn(Path root) {
        byte[] content;
        try (InputStream in = SupervisorScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = root.resolve(".supervisor-" + hash(content) + ".pl");
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(root);
                Path tmp = Files.createTempFile(root, ".supervisor", ".tmp");
                Files.write(tmp, content);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the supervisor in " + root, e);
        }
        return new SupervisorScript(file);
    }

    /** The argv that runs {@code agent} supervised, its files in {@code folder}. */
    public List<String> command(AttemptFolder folder, Duration killGrace, Duration timeout, List<String> agent) {
        List<String> argv = new ArrayList<>(List.of(Perl.path(), file.toString(), folder.dir().toString(),
                Long.toString(Math.max(0, killGrace.toMillis())), Long.toString(Math.max(0, timeout.toMillis())),
                "--"));
        argv.addAll(agent);
        return argv;
    }

    private static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
