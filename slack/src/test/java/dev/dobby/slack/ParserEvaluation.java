package dev.dobby.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Scores a way of reading Slack requests against {@code parser-eval.jsonl}: realistic messages with what a person
 * meant by each (project, priority, backend, draft, dependencies, schedule, worker, tags, and words the description
 * must keep). A message counts as right only when every task in it is.
 */
final class ParserEvaluation {
    static final List<String> PROJECTS = List.of("spare", "spare-tillicum", "dobby", "web.app", "shop", "infra");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String message, JsonNode expected) {
    }

    record Score(int right, int total, List<String> misses) {
        double accuracy() {
            return (double) right / total;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d of %d right (%.1f%%)", right, total, 100 * accuracy());
        }
    }

    static List<Case> cases() throws IOException {
        try (InputStream in = ParserEvaluation.class.getResourceAsStream("/parser-eval.jsonl")) {
            List<Case> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode node = JSON.readTree(line);
                    out.add(new Case(node.path("message").asText(), node));
                }
            }
            return out;
        }
    }

    static Score score(Function<String, List<TaskRequest>> reader) throws IOException {
        return score(reader, cases());
    }

    /**
     * The messages marked {@code heldOut} were written after the rules were tuned on the others, and the rules were
     * not changed for them: their score is the fairer guess of how the rules do on new messages.
     */
    static List<Case> heldOut() throws IOException {
        return cases().stream().filter(c -> c.expected().path("heldOut").asBoolean(false)).toList();
    }

    static Score score(Function<String, List<TaskRequest>> reader, List<Case> cases) {
        int right = 0;
        List<String> misses = new ArrayList<>();
        for (Case c : cases) {
            List<TaskRequest> got = reader.apply(c.message());
            String why = mismatch(c.expected().path("tasks"), got);
            if (why == null) {
                right++;
            } else {
                misses.add(c.message().replace("\n", "⏎") + "  →  " + why);
            }
        }
        return new Score(right, cases.size(), misses);
    }

    /** Null when {@code got} is what the person meant; otherwise what differs. */
    static String mismatch(JsonNode expected, List<TaskRequest> got) {
        if (expected.size() != got.size()) {
            return "expected " + expected.size() + " tasks, got " + got.size() + " " + got;
        }
        for (int i = 0; i < got.size(); i++) {
            JsonNode e = expected.get(i);
            TaskRequest t = got.get(i);
            List<String> diffs = new ArrayList<>();
            check(diffs, "project", text(e, "project"), t.project());
            check(diffs, "priority", text(e, "priority"), t.priority() == null ? null : t.priority().wire());
            check(diffs, "backend", text(e, "backend"), t.backend() == null ? null : t.backend().wire());
            check(diffs, "draft", e.path("draft").asBoolean(false), t.draft());
            List<Long> after = new ArrayList<>();
            e.path("after").forEach(n -> after.add(n.asLong()));
            check(diffs, "after", after, t.after());
            check(diffs, "cron", text(e, "cron"), t.cron());
            check(diffs, "every", text(e, "every"), t.every());
            check(diffs, "worker", text(e, "worker"), t.worker());
            List<String> tags = new ArrayList<>();
            e.path("tags").forEach(n -> tags.add(n.asText()));
            check(diffs, "tags", tags, t.tags());
            for (JsonNode word : e.path("words")) {
                if (!t.description().toLowerCase(Locale.ROOT).contains(word.asText().toLowerCase(Locale.ROOT))) {
                    diffs.add("description '" + t.description() + "' lacks '" + word.asText() + "'");
                }
            }
            if (!diffs.isEmpty()) {
                return "task " + (i + 1) + ": " + String.join("; ", diffs);
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void check(List<String> diffs, String field, Object expected, Object got) {
        if (!java.util.Objects.equals(expected, got)) {
            diffs.add(field + " " + got + " instead of " + expected);
        }
    }
}
