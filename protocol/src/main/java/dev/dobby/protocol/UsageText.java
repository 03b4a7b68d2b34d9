package dev.dobby.protocol;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Usage windows in the words every surface uses: "5-hour window: 91% used, resets in 3h 17m". */
public final class UsageText {
    private static final Map<String, String> WINDOW_NAMES = Map.of(
            "five_hour", "5-hour window",
            "seven_day", "7-day window",
            "seven_day_opus", "7-day window (Opus)",
            "seven_day_sonnet", "7-day window (Sonnet)",
            "limit", "usage limit",
            "primary", "primary window",
            "secondary", "secondary window");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private UsageText() {
    }

    public static String windowName(String window) {
        if (window == null) {
            return "window";
        }
        return WINDOW_NAMES.getOrDefault(window, window.replace('_', ' '));
    }

    /** "resets in 3h 17m", "resets in 42s", or "reset 5m ago". */
    public static String resets(Instant resetsAt, Instant now) {
        Duration left = Duration.between(now, resetsAt);
        return left.isNegative() ? "reset " + span(left.negated()) + " ago" : "resets in " + span(left);
    }

    static String span(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m" : Math.max(0, d.toSecondsPart()) + "s";
    }

    /** One window: "5-hour window: 91% used, resets in 3h 17m (allowed warning)". */
    public static String window(UsageWindow w, Instant now) {
        StringBuilder text = new StringBuilder(windowName(w.window())).append(": ");
        text.append(w.utilization() == null ? "use unknown"
                : String.format(Locale.ROOT, "%.0f%% used", Math.max(0, Math.min(1, w.utilization())) * 100));
        if (w.resetsAt() != null) {
            text.append(", ").append(resets(w.resetsAt(), now));
        }
        if (w.status() != null && !"allowed".equals(w.status())) {
            text.append(" (").append(w.status().replace('_', ' ')).append(')');
        }
        return text.toString();
    }

    /** Whether this window says the account is out of quota now. */
    public static boolean exhausted(UsageWindow w, Instant now) {
        return "rejected".equals(w.status()) && w.resetsAt() != null && w.resetsAt().isAfter(now);
    }

    /** Every account as a heading line and its windows indented under it. */
    public static List<String> lines(List<UsageWindow> all, Instant now, ZoneId zone) {
        Map<String, List<UsageWindow>> accounts = new LinkedHashMap<>();
        all.stream()
                .sorted(java.util.Comparator.comparing((UsageWindow w) -> String.valueOf(w.account()))
                        .thenComparing(w -> String.valueOf(w.window())))
                .forEach(w -> accounts.computeIfAbsent(String.valueOf(w.account()), k -> new ArrayList<>()).add(w));
        List<String> out = new ArrayList<>();
        accounts.forEach((account, windows) -> {
            String login = windows.stream().filter(UsageWindow::isLogin).map(UsageWindow::status).findFirst()
                    .orElse(null);
            List<UsageWindow> shown = windows.stream().filter(w -> !w.isLogin()).toList();
            out.add(account + (UsageWindow.API_KEY.equals(login) ? " (API key)"
                    : UsageWindow.SUBSCRIPTION.equals(login) ? " (subscription)" : ""));
            shown.stream().filter(w -> exhausted(w, now)).findFirst().ifPresent(w -> out.add(
                    "  out of quota: its tasks wait until " + CLOCK_TIME.format(w.resetsAt().atZone(zone))));
            if (shown.isEmpty()) {
                out.add(UsageWindow.API_KEY.equals(login) ? "  no quota data (API key): billed per token"
                        : "  no usage figures reported yet");
            }
            shown.forEach(w -> out.add("  " + window(w, now)));
        });
        return out;
    }
}
