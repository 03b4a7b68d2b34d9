package dev.dobby.slack;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schedules said in words, turned into what the hub takes: "every night at 3" → cron {@code 0 3 * * *}, "every 30
 * minutes" → every {@code 30m}, "hourly" → {@code @hourly}. Times are the hub's local time, as cron reads them there.
 */
final class Schedules {
    record Found(int start, int end, String cron, String every) {
    }

    private static final String TIME = "(?:\\s+at\\s+(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?)?";
    private static final Pattern INTERVAL = Pattern.compile(
            "(?i)\\b(?:every|each)\\s+(\\d{1,3})\\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d)\\b,?");
    private static final Pattern CALENDAR = Pattern.compile("(?i)\\b(?:(?:every|each)\\s+(night|day|morning|evening|weekday"
            + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|(nightly|daily)(?=\\s+at\\b|\\s*:|\\s*$))" + TIME + "\\b:?,?");
    private static final Pattern PERIOD = Pattern.compile("(?i)(?:^|\\b(?:run\\s+)?)(?:every\\s+(hour|week)|(hourly|weekly))\\b:?,?");
    private static final Pattern CRON = Pattern.compile("(?i)\\bcron\\s*[:=]?\\s*[`\"']?((?:[\\d*/,-]+\\s+){4}[\\d*/,-]+)[`\"']?");
    private static final Map<String, String> DAYS = Map.of("monday", "1", "tuesday", "2", "wednesday", "3",
            "thursday", "4", "friday", "5", "saturday", "6", "sunday", "0", "weekday", "1-5");
    private static final Map<String, Integer> DEFAULT_HOUR = Map.of("night", 3, "nightly", 3, "morning", 8,
            "evening", 18);

    private Schedules() {
    }

    static Found find(String text) {
        Matcher m = CRON.matcher(text);
        if (m.find()) {
            return new Found(m.start(), m.end(), m.group(1).strip().replaceAll("\\s+", " "), null);
        }
        m = INTERVAL.matcher(text);
        if (m.find()) {
            String unit = m.group(2).toLowerCase(Locale.ROOT).substring(0, 1);
            return new Found(m.start(), m.end(), null, Integer.parseInt(m.group(1)) + unit);
        }
        m = CALENDAR.matcher(text);
        if (m.find()) {
            String word = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
            Integer hour = m.group(3) == null ? null : Integer.parseInt(m.group(3));
            int minute = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            if (hour != null && m.group(5) != null) {
                boolean pm = m.group(5).equalsIgnoreCase("pm");
                hour = hour % 12 + (pm ? 12 : 0);
            }
            if (hour != null && (hour > 23 || minute > 59)) {
                return null;
            }
            String day = DAYS.getOrDefault(word, "*");
            if (hour == null) {
                if (word.equals("day") || word.equals("daily")) {
                    return new Found(m.start(), m.end(), "@daily", null);
                }
                hour = DEFAULT_HOUR.getOrDefault(word, 9);
            }
            return new Found(m.start(), m.end(), minute + " " + hour + " * * " + day, null);
        }
        m = PERIOD.matcher(text);
        if (m.find()) {
            String word = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
            return new Found(m.start(), m.end(), word.startsWith("hour") ? "@hourly" : "@weekly", null);
        }
        return null;
    }
}
