package dev.dobby.app.tasks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Moments as people read them: "Tue 2 Dec 09:00", and how far away: "in 3h 17m", "5 min ago". */
public final class Times {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private Times() {
    }

    public static String when(Instant at, ZoneId zone) {
        return at == null ? "—" : WHEN.format(at.atZone(zone));
    }

    /** "in 3h 17m", "in 45 s", "12 min ago". */
    public static String relative(Instant at, Instant now) {
        if (at == null) {
            return "—";
        }
        Duration gap = Duration.between(now, at);
        boolean future = !gap.isNegative();
        String span = span(gap.abs());
        return future ? "in " + span : span + " ago";
    }

    /** "3h 17m", "2d 4h", "45 s". */
    public static String span(Duration length) {
        long s = length.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        return (s / 86_400) + "d " + (s % 86_400 / 3600) + "h";
    }
}
