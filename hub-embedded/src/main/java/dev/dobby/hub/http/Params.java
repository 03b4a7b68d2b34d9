package dev.dobby.hub.http;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Wire;
import io.javalin.http.Context;
import dev.dobby.protocol.Durations;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Path and query parameters, parsed with 400s that name the parameter. */
final class Params {
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Params() {
    }

    static long id(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            long value = Long.parseLong(raw);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a positive number, not '" + raw + "'");
        }
    }

    static int intQuery(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter " + name + " must be a whole number, not '" + raw + "'");
        }
    }

    static long longQuery(Context ctx, String name, long fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter " + name + " must be a whole number, not '" + raw + "'");
        }
    }

    static boolean boolQuery(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("query parameter " + name + " must be true or false");
        };
    }

    static String text(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? null : raw.strip();
    }

    /** An ISO-8601 instant, or an age such as 30m, 2h, 7d meaning that long ago. */
    static Instant since(Context ctx, String name, Instant now) {
        String raw = text(ctx, name);
        if (raw == null) {
            return null;
        }
        Instant since;
        try {
            since = Instant.parse(raw);
        } catch (DateTimeParseException notAnInstant) {
            try {
                since = now.minus(Durations.parse(raw));
            } catch (IllegalArgumentException | DateTimeException e) {
                throw ApiException.badRequest("query parameter " + name
                        + " must be an ISO-8601 time (2026-01-31T12:00:00Z) or an age like 30m, 2h, 7d");
            }
        }
        if (since.isBefore(EARLIEST) || since.isAfter(LATEST)) {
            throw ApiException.badRequest("query parameter " + name + " must be a time between the years 0 and 9999");
        }
        return since;
    }

    /** A calendar day (2026-03-04) in a time zone (an IANA id; the hub's own zone if not given), as [start, end). */
    static Instant[] day(Context ctx, String name, String zoneName) {
        String raw = text(ctx, name);
        if (raw == null) {
            return null;
        }
        java.time.LocalDate day;
        try {
            day = java.time.LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("query parameter " + name + " must be a day like 2026-01-31, not '" + raw + "'");
        }
        String zoneRaw = text(ctx, zoneName);
        java.time.ZoneId zone;
        try {
            zone = zoneRaw == null ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(zoneRaw);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("query parameter " + zoneName + " must be a time zone like Europe/Paris or"
                    + " +02:00, not '" + zoneRaw + "'");
        }
        return new Instant[] {day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant()};
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String raw, String field) {
        try {
            return Wire.parse(type, raw, field);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
