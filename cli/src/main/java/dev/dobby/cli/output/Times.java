package dev.dobby.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as people read them: "just now", "5m ago", "in 2h", a date when long ago. */
public final class Times {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private Times() {
    }

    public static String relative(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        Duration d = Duration.between(then, now);
        boolean future = d.isNegative();
        long s = Math.abs(d.toSeconds());
        String amount;
        if (s < 5) {
            return "just now";
        } else if (s < 60) {
            amount = s + "s";
        } else if (s < 3600) {
            amount = s / 60 + "m";
        } else if (s < 86_400) {
            amount = s / 3600 + "h";
        } else if (s < 30 * 86_400) {
            amount = s / 86_400 + "d";
        } else {
            return DATE.format(then.atZone(ZoneId.systemDefault()));
        }
        return future ? "in " + amount : amount + " ago";
    }

    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (seconds < 10) {
            return String.format("%.1fs", seconds);
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
        }
        return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + "m");
    }
}
