package dev.dobby.agent.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a stream into lines without trusting it: invalid UTF-8 becomes U+FFFD, and a line longer than
 * {@link #MAX_LINE} characters is cut into pieces instead of growing without bound.
 */
final class LineReader {
    static final int MAX_LINE = 16 * 1024;

    private LineReader() {
    }

    static void readLines(InputStream in, Consumer<String> sink) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        char[] buffer = new char[8192];
        StringBuilder line = new StringBuilder();
        boolean lastWasCr = false;
        int n;
        while ((n = reader.read(buffer)) != -1) {
            for (int i = 0; i < n; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    if (!lastWasCr) {
                        sink.accept(line.toString());
                    }
                    line.setLength(0);
                    lastWasCr = false;
                } else if (c == '\r') {
                    sink.accept(line.toString());
                    line.setLength(0);
                    lastWasCr = true;
                } else {
                    lastWasCr = false;
                    line.append(c);
                    if (line.length() >= MAX_LINE) {
                        sink.accept(line.toString());
                        line.setLength(0);
                    }
                }
            }
        }
        if (!line.isEmpty()) {
            sink.accept(line.toString());
        }
    }
}
