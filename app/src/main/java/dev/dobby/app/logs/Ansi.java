package dev.dobby.app.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads ANSI colour codes (SGR: ESC [ ... m) out of a log line into styled spans. Every other escape sequence and
 * control character is dropped: agent output is shown as text, never interpreted.
 */
public final class Ansi {
    /** Colour as an index into the 16-colour palette (0-15), a 256-colour index, or -1 for the default. */
    public record Style(int foreground, boolean bold, boolean dim, boolean underline) {
        public static final Style PLAIN = new Style(-1, false, false, false);
    }

    public record Span(String text, Style style) {
    }

    private Ansi() {
    }

    public static List<Span> parse(String line) {
        List<Span> spans = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Style style = Style.PLAIN;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\u001b') {
                int end = sequenceEnd(line, i);
                if (end > i + 2 && line.charAt(i + 1) == '[' && line.charAt(end - 1) == 'm') {
                    Style next = apply(style, line.substring(i + 2, end - 1));
                    if (!next.equals(style)) {
                        flush(spans, text, style);
                        style = next;
                    }
                }
                i = end;
                continue;
            }
            if (c == '\t') {
                text.append("    ");
            } else if (c >= ' ' && c != '\u007f') {
                text.append(c);
            }
            i++;
        }
        flush(spans, text, style);
        return spans;
    }

    /** The line as plain text: what search looks at. */
    public static String strip(String line) {
        if (printable(line)) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        for (Span span : parse(line)) {
            out.append(span.text());
        }
        return out.toString();
    }

    /** No escape or other control character: most lines, and a plain loop is what keeps a long log cheap. */
    private static boolean printable(String line) {
        for (int i = 0, n = line.length(); i < n; i++) {
            char ch = line.charAt(i);
            if (ch < ' ' || ch == '\u007f') {
                return false;
            }
        }
        return true;
    }

    /** Many lines as plain text, line breaks kept (for summaries shown as text). */
    public static String stripLines(String text) {
        return String.join("\n", java.util.Arrays.stream(text.split("\r?\n", -1)).map(Ansi::strip).toList());
    }

    private static void flush(List<Span> spans, StringBuilder text, Style style) {
        if (!text.isEmpty()) {
            spans.add(new Span(text.toString(), style));
            text.setLength(0);
        }
    }

    /** Index just past the escape sequence starting at {@code start}. */
    private static int sequenceEnd(String line, int start) {
        int i = start + 1;
        if (i >= line.length()) {
            return i;
        }
        char kind = line.charAt(i);
        if (kind == '[') {  // CSI: parameters, then one final byte in @..~
            i++;
            while (i < line.length() && (line.charAt(i) < '@' || line.charAt(i) > '~')) {
                i++;
            }
            return Math.min(i + 1, line.length());
        }
        if (kind == ']') {  // OSC: until BEL or ESC \
            i++;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == '\u0007') {
                    return i + 1;
                }
                if (c == '\u001b' && i + 1 < line.length() && line.charAt(i + 1) == '\\') {
                    return i + 2;
                }
                i++;
            }
            return i;
        }
        return Math.min(i + 1, line.length());
    }

    private static Style apply(Style style, String parameters) {
        String[] parts = parameters.isEmpty() ? new String[] {"0"} : parameters.split(";", -1);
        int fg = style.foreground();
        boolean bold = style.bold();
        boolean dim = style.dim();
        boolean underline = style.underline();
        for (int i = 0; i < parts.length; i++) {
            int code = number(parts[i]);
            switch (code) {
                case 0 -> {
                    fg = -1;
                    bold = false;
                    dim = false;
                    underline = false;
                }
                case 1 -> bold = true;
                case 2 -> dim = true;
                case 4 -> underline = true;
                case 22 -> {
                    bold = false;
                    dim = false;
                }
                case 24 -> underline = false;
                case 39 -> fg = -1;
                case 38 -> {
                    if (i + 2 < parts.length && number(parts[i + 1]) == 5) {
                        fg = Math.clamp(number(parts[i + 2]), 0, 255);
                        i += 2;
                    } else if (i + 4 < parts.length && number(parts[i + 1]) == 2) {
                        i += 4;  // true colour: kept as default, the palette has no slot for it
                    }
                }
                default -> {
                    if (code >= 30 && code <= 37) {
                        fg = code - 30;
                    } else if (code >= 90 && code <= 97) {
                        fg = code - 90 + 8;
                    }
                }
            }
        }
        return new Style(fg, bold, dim, underline);
    }

    private static int number(String text) {
        try {
            return text.isEmpty() ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
