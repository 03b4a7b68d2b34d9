package dev.dobby.app.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One app per DOBBY_HOME. The first instance holds a lock on {@code app.lock} and listens on a loopback port it
 * writes to {@code app.port}; a later launch finds the lock taken, connects to that port to ask the first window to
 * come forward, and exits. The lock goes away with the process, so a crash never leaves a stale claim.
 */
public final class SingleInstance implements AutoCloseable {
    static final String SHOW = "dobby-app show";
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private final Path portFile;
    private final Thread listener;

    private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server, Path portFile, Runnable onShow) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.portFile = portFile;
        this.listener = Thread.ofPlatform().name("dobby-app-instance").daemon().start(() -> listen(onShow));
    }

    /**
     * Become the one instance for {@code home}, or return empty when another holds it. {@code onShow} runs (on a
     * background thread) whenever a later launch asks for the window.
     */
    public static Optional<SingleInstance> acquire(Path home, Runnable onShow) throws IOException {
        Files.createDirectories(home);
        FileChannel channel = FileChannel.open(home.resolve("app.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Path portFile = home.resolve("app.port");
        Path temp = home.resolve("app.port.tmp");
        Files.writeString(temp, Integer.toString(server.getLocalPort()), StandardCharsets.US_ASCII);
        Files.move(temp, portFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(new SingleInstance(channel, lock, server, portFile, onShow));
    }

    /** Ask the running instance for {@code home} to show its window; false if none answered. */
    public static boolean signalRunning(Path home) {
        try {
            int port = Integer.parseInt(Files.readString(home.resolve("app.port"), StandardCharsets.US_ASCII).trim());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
                socket.setSoTimeout(CONNECT_TIMEOUT_MS);
                OutputStream out = socket.getOutputStream();
                out.write((SHOW + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                return "ok".equals(reply);
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private void listen(Runnable onShow) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(CONNECT_TIMEOUT_MS);
                String line = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                if (SHOW.equals(line)) {
                    client.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                    onShow.run();
                }
            } catch (IOException e) {
                // A client that went away, or the socket closing on exit: nothing to do either way.
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(portFile);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Exiting anyway; the OS drops the lock with the process.
        }
        listener.interrupt();
    }
}
