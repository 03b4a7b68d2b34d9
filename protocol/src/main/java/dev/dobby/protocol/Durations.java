package dev.dobby.protocol;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, {@code 1h30m}, or plain seconds. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");
    /** Longer than anything Dobby waits for, and short enough that no clock or timer arithmetic overflows. */
    public static final Duration MAX = Duration.ofDays(36_500);

    private Durations() {
    }

    /** The duration; an {@link IllegalArgumentException} that says why for text that is none or is over {@link #MAX}. */
    public static Duration parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("a duration is required");
        }
        Duration parsed;
        try {
            parsed = parseUnchecked(raw);
        } catch (ArithmeticException | NumberFormatException tooBig) {
            parsed = null;
        }
        if (parsed == null || parsed.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + raw.strip() + "' is too long: a duration may be at most "
                    + format(MAX));
        }
        return parsed;
    }

    private static Duration parseUnchecked(String raw) {
        String text = raw.strip().toLowerCase(Locale.ROOT);
        if (text.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            end = m.end();
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("'" + raw + "' is not a duration; write it like 90s, 30m, 2h, 1d or 1h30m");
        }
        return total;
    }

    /** The shortest form {@link #parse} reads back: 1h30m, 45s, 2d. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] units = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (seconds >= units[i]) {
                out.append(seconds / units[i]).append(names[i]);
                seconds %= units[i];
            }
        }
        return out.toString();
    }
}
