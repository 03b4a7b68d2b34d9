package dev.dobby.agent.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a stream into lines without trusting it: invalid UTF-8 becomes U+FFFD, and a line longer than the
 * given limit is cut into pieces instead of growing without bound.
 *
 * <p>Two limits apply. Parsers see whole lines up to {@link #MAX_PARSED_LINE} characters, because one JSON event
 * (a tool result holding a whole file) is often far longer than a log line should be. The log stores and streams
 * lines of at most {@link #MAX_LINE} characters ({@link #pieces}).
 */
final class LineReader {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_PARSED_LINE = 4 * 1024 * 1024;

    private LineReader() {
    }

    static void readLines(InputStream in, int maxLine, Consumer<String> sink) throws IOException {
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
                    if (line.length() >= maxLine) {
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

    /** {@code line} as pieces of at most {@link #MAX_LINE} characters, for the log. */
    static List<String> pieces(String line) {
        if (line.length() <= MAX_LINE) {
            return List.of(line);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < line.length()) {
            int end = Math.min(line.length(), start + MAX_LINE);
            // Never split a surrogate pair between two pieces.
            if (end < line.length() && Character.isHighSurrogate(line.charAt(end - 1))) {
                end--;
            }
            pieces.add(line.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
