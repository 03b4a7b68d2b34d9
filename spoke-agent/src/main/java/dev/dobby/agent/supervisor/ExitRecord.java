package dev.dobby.agent.supervisor;

import java.util.HashMap;
import java.util.Map;

/**
 * How the supervisor saw the agent end.
 *
 * @param code    its exit code, or null when a signal ended it
 * @param signal  the signal that ended it, or null
 * @param stopped why the supervisor stopped it ({@code requested}, {@code timeout}, {@code lease}), or null
 */
public record ExitRecord(Integer code, Integer signal, String stopped) {

    static ExitRecord parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return new ExitRecord(number(fields.get("code")), number(fields.get("signal")),
                blankToNull(fields.get("stopped")));
    }

    /** The status a shell would report: the exit code, or 128 plus the signal. */
    public int shellStatus() {
        if (code != null) {
            return code;
        }
        return signal == null ? -1 : 128 + signal;
    }

    public boolean stoppedBy(String reason) {
        return reason.equals(stopped);
    }

    private static Integer number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
