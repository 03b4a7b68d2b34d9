package dev.dobby.agent.executor.slurm;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One line of {@code scontrol show job -o}: space-separated KEY=VALUE fields. */
record ScontrolRecord(Map<String, String> fields) {

    static Optional<ScontrolRecord> parse(String text) {
        String line = text.lines().filter(l -> l.startsWith("JobId=")).findFirst().orElse(null);
        if (line == null) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : line.strip().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return Optional.of(new ScontrolRecord(fields));
    }

    JobState state() {
        return new JobState(fields.get("JobId"), fields.get("JobName"), fields.get("JobState"),
                blank(fields.get("Reason")), blank(fields.get("NodeList")), blank(fields.get("Partition")),
                blank(fields.get("Comment")));
    }

    Optional<Integer> exitCode() {
        String code = fields.get("ExitCode");
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(code.split(":")[0]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() || "(null)".equals(value) || "None".equals(value) ? null : value;
    }
}
