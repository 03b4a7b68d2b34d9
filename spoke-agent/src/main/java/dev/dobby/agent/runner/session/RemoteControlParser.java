package dev.dobby.agent.runner.session;

import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.runner.ParsedResult;
import dev.dobby.agent.runner.TailParser;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.AgentProgress;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@code claude remote-control} prints. Its format is not a contract, so nothing here depends on it:
 * the latest line is the session's status, the hub offers any https URL in the output as the link, and a failure
 * is reported with the CLI's own words. Only the first-run question, which a session without a terminal cannot
 * answer, gets a sentence of its own.
 */
final class RemoteControlParser implements OutputParser {
    static final String FIRST_RUN_QUESTION = "Enable Remote Control?";
    private static final int REASON_CHARS = 600;

    private final TailParser tail = new TailParser();
    private final Path workdir;
    private final StringBuilder said = new StringBuilder();
    private String latest;
    private boolean latestChanged;
    private boolean askedFirstRunQuestion;

    RemoteControlParser(Path workdir) {
        this.workdir = workdir;
    }

    @Override
    public synchronized void accept(OutputLine line) {
        tail.accept(line);
        String text = line.text().strip();
        if (text.isEmpty()) {
            return;
        }
        askedFirstRunQuestion |= text.contains(FIRST_RUN_QUESTION);
        if (said.length() < REASON_CHARS) {
            said.append(said.isEmpty() ? "" : " ").append(text);
        }
        latest = text;
        latestChanged = true;
    }

    @Override
    public synchronized Updates drain() {
        if (!latestChanged) {
            return Updates.NONE;
        }
        latestChanged = false;
        return new Updates(List.of(), new AgentProgress(latest, List.of(), List.of(), Map.of(), null, null, null,
                null, null), List.of());
    }

    @Override
    public synchronized ParsedResult finish(int exitCode) {
        ParsedResult summary = tail.finish(exitCode);
        if (exitCode == 0 && !askedFirstRunQuestion) {
            return summary;
        }
        String reason;
        if (askedFirstRunQuestion) {
            reason = "Remote Control has not been enabled on this machine yet: run `claude remote-control` once in "
                    + workdir + " there and answer y";
        } else {
            String words = said.length() > REASON_CHARS ? said.substring(0, REASON_CHARS) + "…" : said.toString();
            reason = "claude remote-control exited with code " + exitCode + (words.isEmpty() ? "" : ": " + words);
        }
        return new ParsedResult(TaskStatus.FAILED, summary.summary(), List.of(), null, null, null, null, null, false,
                null, false, reason, List.of());
    }
}
