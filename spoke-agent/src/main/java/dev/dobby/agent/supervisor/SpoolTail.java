package dev.dobby.agent.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Reads a file that another process is still appending to, like {@code tail -f}: at its end it waits for more
 * until {@code finished} says the writer is done, then returns what was left and ends.
 */
public final class SpoolTail extends InputStream {
    private static final long WAIT_MILLIS = 20;

    private final Path file;
    private final BooleanSupplier finished;
    private RandomAccessFile in;
    private boolean lastLook;

    public SpoolTail(Path file, BooleanSupplier finished) {
        this.file = file;
        this.finished = finished;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (in == null && Files.exists(file)) {
                in = new RandomAccessFile(file.toFile(), "r");
            }
            int n = in == null ? -1 : in.read(buffer, offset, length);
            if (n > 0) {
                return n;
            }
            if (lastLook) {
                return -1;
            }
            // Whatever was written before the writer said it was done is in the file now: one more look.
            if (finished.getAsBoolean()) {
                lastLook = true;
                continue;
            }
            try {
                Thread.sleep(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while following " + file, e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }
}
