package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * One step of an agent's run, parsed from its output stream: what the flow views draw on a timeline.
 *
 * @param index      position in the run, from 0
 * @param title      a short label ("Read src/Main.java", "Bash: npm test")
 * @param detail     more text: the tool input, the message, the command's output (clipped)
 * @param durationMs how long the step took, when the stream tells (a tool call until its result)
 * @param tokensIn   input tokens the agent reported by this step, when known
 */
public record FlowStep(long taskId, int attempt, int index, Kind kind, Instant at, String title, String detail,
                       Long durationMs, String tool, String file, Long tokensIn, Long tokensOut, boolean error) {

    public enum Kind {
        SESSION, MESSAGE, THINKING, TOOL_CALL, FILE_READ, FILE_EDIT, COMMAND, RESULT, ERROR;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromWire(String value) {
            return Wire.parse(Kind.class, value, "step kind");
        }
    }
}
