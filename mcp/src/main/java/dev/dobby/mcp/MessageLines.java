package dev.dobby.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's stdin with every line that is not a JSON-RPC message taken out and answered with a parse error.
 * The SDK's stdio transport stops reading for good at the first line it cannot parse (a blank line is enough),
 * which would leave the server running but deaf; after this filter, it only ever sees messages it can read.
 */
final class MessageLines extends InputStream {
    private static final Logger log = LoggerFactory.getLogger(MessageLines.class);
    private static final byte[] PARSE_ERROR = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
            + "\"message\":\"Parse error: each line must be one JSON-RPC message\"}}\n")
            .getBytes(StandardCharsets.UTF_8);

    private final BufferedReader lines;
    private final McpJsonMapper json;
    private final OutputStream replies;
    private byte[] current = new byte[0];
    private int position;

    /**
     * @param replies the protocol output, shared with the transport (which writes under its monitor, as this
     *                does, so that replies never interleave)
     */
    MessageLines(InputStream in, McpJsonMapper json, OutputStream replies) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.json = json;
        this.replies = replies;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Makes sure there are bytes of an accepted line left to hand out; false at the end of input. */
    private boolean fill() throws IOException {
        while (position >= current.length) {
            String line = lines.readLine();
            if (line == null) {
                return false;
            }
            if (line.isBlank()) {
                continue;
            }
            if (isMessage(line)) {
                current = (line + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            } else {
                refuse();
            }
        }
        return true;
    }

    private boolean isMessage(String line) {
        try {
            McpSchema.deserializeJsonRpcMessage(json, line);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("ignored a line on stdin that is not a JSON-RPC message ({} characters): {}", line.length(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                            .orElse(""));
            return false;
        }
    }

    private void refuse() throws IOException {
        synchronized (replies) {
            replies.write(PARSE_ERROR);
            replies.flush();
        }
    }
}
