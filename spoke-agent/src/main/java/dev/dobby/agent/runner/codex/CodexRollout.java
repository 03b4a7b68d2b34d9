package dev.dobby.agent.runner.codex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.agent.runner.JsonLines;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.UsageWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Codex's own record of a session, {@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<thread id>.jsonl}: the
 * only place its rate limits appear ({@code codex exec --json} carries none). Each {@code event_msg} of type
 * {@code token_count} has {@code rate_limits.primary} and {@code .secondary}: {@code used_percent},
 * {@code window_minutes} and {@code resets_at} (epoch seconds; older versions give {@code resets_in_seconds}).
 */
final class CodexRollout {
    /** How many days back to look for the file: a session may have started before midnight, or days ago. */
    private static final int DAYS_BACK = 7;

    private CodexRollout() {
    }

    /** {@code CODEX_HOME}, or {@code ~/.codex}. */
    static Path home(java.util.Map<String, String> env) {
        String configured = env.get("CODEX_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".codex");
    }

    /** The rollout file of thread {@code threadId}, looking from {@code today} back a week. */
    static Optional<Path> find(Path codexHome, String threadId, LocalDate today) {
        if (threadId == null || !threadId.matches("[A-Za-z0-9-]{1,100}")) {
            return Optional.empty();
        }
        for (int back = 0; back <= DAYS_BACK; back++) {
            LocalDate day = today.minusDays(back);
            Path dir = codexHome.resolve("sessions").resolve(String.format("%04d", day.getYear()))
                    .resolve(String.format("%02d", day.getMonthValue()))
                    .resolve(String.format("%02d", day.getDayOfMonth()));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> found = files.filter(f -> {
                    String name = f.getFileName().toString();
                    return name.startsWith("rollout-") && name.endsWith("-" + threadId + ".jsonl");
                }).findFirst();
                if (found.isPresent()) {
                    return found;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    /** The latest rate-limit windows the file reports, as usage windows of the account "codex". */
    static List<UsageWindow> latestWindows(Path rollout, Instant now) throws IOException {
        JsonNode latest = null;
        Instant latestAt = now;
        try (Stream<String> lines = Files.lines(rollout)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (!line.contains("token_count") || !line.contains("rate_limits")) {
                    continue;
                }
                Optional<JsonNode> event = JsonLines.object(line);
                if (event.isEmpty()) {
                    continue;
                }
                JsonNode payload = event.get().path("payload");
                JsonNode limits = payload.path("rate_limits");
                if ("token_count".equals(payload.path("type").asText()) && limits.isObject()) {
                    latest = limits;
                    latestAt = timestamp(event.get()).orElse(now);
                }
            }
        }
        List<UsageWindow> out = new ArrayList<>();
        if (latest == null) {
            return out;
        }
        for (String which : List.of("primary", "secondary")) {
            JsonNode w = latest.path(which);
            if (!w.isObject()) {
                continue;
            }
            Double used = JsonLines.number(w, "used_percent");
            Long minutes = JsonLines.whole(w, "window_minutes");
            Instant resets = JsonLines.epoch(w, "resets_at");
            Long resetsIn = JsonLines.whole(w, "resets_in_seconds");
            if (resets == null && resetsIn != null) {
                resets = latestAt.plusSeconds(resetsIn);
            }
            Double utilization = used == null ? null : used / 100.0;
            String status = utilization == null ? null : utilization >= 1.0 ? "rejected"
                    : utilization >= 0.9 ? "allowed_warning" : "allowed";
            out.add(new UsageWindow("codex", Backend.CODEX, windowName(which, minutes), utilization, status, resets,
                    latestAt));
        }
        return out;
    }

    static String windowName(String which, Long minutes) {
        if (minutes != null && minutes == 300) {
            return "five_hour";
        }
        if (minutes != null && minutes == 7 * 24 * 60) {
            return "seven_day";
        }
        return which;
    }

    private static Optional<Instant> timestamp(JsonNode event) {
        try {
            String text = event.path("timestamp").asText(null);
            return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.systemDefault());
    }
}
