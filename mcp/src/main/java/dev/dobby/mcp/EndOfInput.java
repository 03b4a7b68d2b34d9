package dev.dobby.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * The server's input, which reports when it ends: the MCP client closing our stdin is how a stdio session
 * finishes, and the SDK's reader thread gives no other sign of it.
 */
final class EndOfInput extends FilterInputStream {
    private final CountDownLatch ended = new CountDownLatch(1);

    EndOfInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        return watch(() -> super.read());
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return watch(() -> super.read(buffer, offset, length));
    }

    void await() throws InterruptedException {
        ended.await();
    }

    private int watch(Read read) throws IOException {
        try {
            int n = read.run();
            if (n < 0) {
                ended.countDown();
            }
            return n;
        } catch (IOException e) {
            ended.countDown();
            throw e;
        }
    }

    private interface Read {
        int run() throws IOException;
    }
}
