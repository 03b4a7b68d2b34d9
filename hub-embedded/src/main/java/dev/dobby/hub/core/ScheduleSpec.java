package dev.dobby.hub.core;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When a schedule fires: a Unix cron expression (5 fields, read in the hub's time zone) or a fixed interval. The
 * firing times are its windows; {@link #latestDue} finds the one a late hub owes, so that a hub that was down
 * across several windows runs once, not once per window.
 */
abstract sealed class ScheduleSpec {
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_INTERVAL = Duration.ofDays(366);
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> NICKNAMES = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");

    /** Exactly one of {@code cron} and {@code every} must be given. */
    static ScheduleSpec parse(String cron, String every, ZoneId zone) {
        if (cron != null && every != null) {
            throw ApiException.badRequest("give cron or every, not both");
        }
        if (cron != null) {
            return new CronSpec(cron, zone);
        }
        if (every != null) {
            return new Every(interval(every));
        }
        throw ApiException.badRequest("a schedule needs cron or every");
    }

    static Duration interval(String every) {
        Duration interval;
        try {
            interval = Durations.parse(every);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("every: " + e.getMessage());
        }
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw ApiException.badRequest("every must be between 1m and 366d, not '" + every + "'");
        }
        return interval;
    }

    /** The first window of a schedule created at {@code created}. */
    abstract Instant firstAfter(Instant created);

    /** The first window strictly after {@code window}. */
    abstract Instant nextAfter(Instant window);

    /** The latest window at or before {@code now}, given that {@code owed} is a window at or before {@code now}. */
    abstract Instant latestDue(Instant owed, Instant now);

    private static final class CronSpec extends ScheduleSpec {
        private final ExecutionTime times;
        private final ZoneId zone;

        CronSpec(String expression, ZoneId zone) {
            String text = expression.strip();
            if (text.isEmpty()) {
                throw ApiException.badRequest("cron must not be empty");
            }
            if (text.startsWith("@")) {
                String translated = NICKNAMES.get(text.toLowerCase(Locale.ROOT));
                if (translated == null) {
                    throw ApiException.badRequest("cron '" + expression + "': unknown nickname; use one of @hourly, "
                            + "@daily, @weekly, @monthly, @yearly or five fields (minute hour day-of-month month "
                            + "day-of-week)");
                }
                text = translated;
            }
            if (text.split("\\s+").length != 5) {
                throw ApiException.badRequest("cron '" + expression + "' must have five fields: minute hour "
                        + "day-of-month month day-of-week (for example '0 9 * * 1-5')");
            }
            Cron cron;
            try {
                cron = UNIX.parse(text).validate();
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("cron '" + expression + "' is not a valid Unix cron expression: "
                        + firstSentence(e.getMessage()));
            }
            this.times = ExecutionTime.forCron(cron);
            this.zone = zone;
            if (next(Instant.EPOCH.plus(Duration.ofDays(365 * 30))).isEmpty()) {
                throw ApiException.badRequest("cron '" + expression + "' never fires");
            }
        }

        private Optional<Instant> next(Instant after) {
            return times.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
        }

        @Override
        Instant firstAfter(Instant created) {
            return nextAfter(created);
        }

        @Override
        Instant nextAfter(Instant window) {
            return next(window).orElseThrow(() -> new IllegalStateException("cron has no firing after " + window));
        }

        @Override
        Instant latestDue(Instant owed, Instant now) {
            Instant latest = times.lastExecution(ZonedDateTime.ofInstant(now, zone))
                    .map(ZonedDateTime::toInstant)
                    .filter(last -> !last.isBefore(owed))
                    .orElse(owed);
            // Whether "last" includes the instant itself is the library's business: step forward while still due.
            for (Instant next = nextAfter(latest); !next.isAfter(now); next = nextAfter(latest)) {
                latest = next;
            }
            return latest;
        }

        private static String firstSentence(String message) {
            if (message == null) {
                return "unreadable";
            }
            int newline = message.indexOf('\n');
            return newline < 0 ? message : message.substring(0, newline);
        }
    }

    private static final class Every extends ScheduleSpec {
        private final Duration interval;

        Every(Duration interval) {
            this.interval = interval;
        }

        @Override
        Instant firstAfter(Instant created) {
            return created.plus(interval);
        }

        @Override
        Instant nextAfter(Instant window) {
            return window.plus(interval);
        }

        @Override
        Instant latestDue(Instant owed, Instant now) {
            long periods = Duration.between(owed, now).toMillis() / interval.toMillis();
            return owed.plus(interval.multipliedBy(Math.max(0, periods)));
        }
    }
}
