package dev.dobby.protocol.transcript;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.dobby.protocol.Wire;
import java.time.Instant;
import java.util.Locale;

/**
 * One readable item of an agent's run: a message, a tool call with its result, a thought, a notice, the outcome.
 *
 * @param index   position in the transcript, from 0
 * @param seq     the log line it was read from (the latest one, for a tool call that got its result)
 * @param title   one line: a tool call's summary ("Edit src/App.java", "Bash: npm test"), a message's first line,
 *                "Completed"; null for raw lines
 * @param text    the whole of it: the message, the thinking, the tool's input, the raw line
 * @param output  a tool call's result, clipped to {@link TranscriptBuilder#OUTPUT_CHARS}; null for other entries
 * @param meta    a secondary line: the result's size ("12 lines · 1.2 KB"), the run's cost, tokens and duration,
 *                "stderr" for a raw line from standard error
 * @param error   to be highlighted: a failed or denied tool call, an error, a usage limit, a failed outcome
 * @param open    may still change (a tool call waiting for its result, a Codex item still streaming)
 */
public record TranscriptEntry(int index, int attempt, long seq, Instant at, Kind kind, String title, String text,
                              String output, String meta, boolean error, boolean open) {

    public enum Kind {
        /** the agent started: model, working directory */
        SESSION,
        /** what the agent said */
        MESSAGE,
        /** its reasoning, shown folded */
        THINKING,
        /** a tool call and its result */
        TOOL,
        /** a usage-limit warning or refusal */
        LIMIT,
        /** an API error, a retry, a refusal */
        ERROR,
        /** the outcome: summary, cost, tokens, duration */
        RESULT,
        /** a later attempt begins */
        ATTEMPT,
        /** a line that is not an event the parser knows: plain text, stderr, a cut or garbled line */
        RAW;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind fromWire(String value) {
            return Wire.parse(Kind.class, value, "transcript entry kind");
        }
    }

    TranscriptEntry withIndex(int newIndex) {
        return new TranscriptEntry(newIndex, attempt, seq, at, kind, title, text, output, meta, error, open);
    }
}
