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
    /** How far back from the limit a cut looks for a break; longer than any credential we know of. */
    static final int CUT_SEARCH = 8 * 1024;

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
                        int cut = cutPoint(line);
                        sink.accept(line.substring(0, cut));
                        line.delete(0, cut);
                    }
                }
            }
        }
        if (!line.isEmpty()) {
            sink.accept(line.toString());
        }
    }

    /**
     * Where to cut an over-long line: after the last space or quote near its end, so a token running across the
     * limit stays whole in the next piece and can still be recognised and masked there. Without such a break
     * near the end the line is cut at the limit.
     */
    static int cutPoint(CharSequence line) {
        int floor = Math.max(1, line.length() - CUT_SEARCH);
        for (int i = line.length() - 1; i >= floor; i--) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == ',') {
                return i + 1;
            }
        }
        int end = line.length();
        return Character.isHighSurrogate(line.charAt(end - 1)) && end > 1 ? end - 1 : end;
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
