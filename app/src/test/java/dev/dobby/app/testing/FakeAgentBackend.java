package dev.dobby.app.testing;

import dev.dobby.agent.runner.AgentBackend;
import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.runner.ParsedResult;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for an agent with a structured stream (it takes the place of Claude Code in tests): the task text
 * runs as a shell script, and lines it prints in a tiny format become flow steps and usage reports.
 *
 * <pre>
 *   @step KIND TITLE...          a step (KIND is a FlowStep kind: tool_call, file_edit, message, ...)
 *   @usage ACCOUNT WINDOW 0.42   a rate-limit window at 42 %
 * </pre>
 * Other lines are plain output; the last one is the summary. Step n reports 100 n tokens in and 10 n out, and
 * the run costs $0.0125.
 */
public final class FakeAgentBackend implements AgentBackend {

    @Override
    public Backend kind() {
        return Backend.CLAUDE;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<String> command(Assignment assignment, Path workdir) {
        return List.of("/bin/sh", "-c", assignment.description());
    }

    @Override
    public OutputParser newParser(Assignment assignment, Path workdir) {
        return new Parser();
    }

    private static final class Parser implements OutputParser {
        private final List<FlowStep> fresh = new ArrayList<>();
        private final List<UsageWindow> usage = new ArrayList<>();
        private int index;
        private String last = "";

        @Override
        public synchronized void accept(OutputLine line) {
            String text = line.text();
            if (text.startsWith("@step ")) {
                String[] parts = text.substring(6).split(" ", 2);
                FlowStep.Kind kind = FlowStep.Kind.fromWire(parts[0]);
                String title = parts.length > 1 ? parts[1] : parts[0];
                long n = index + 1;
                fresh.add(new FlowStep(0, 0, index++, kind, Instant.now(), title, "detail of " + title, 50 * n,
                        kind == FlowStep.Kind.TOOL_CALL ? title.split(" ")[0] : null, null, 100 * n, 10 * n, false));
            } else if (text.startsWith("@usage ")) {
                String[] parts = text.substring(7).split(" ");
                usage.add(new UsageWindow(parts[0], Backend.CLAUDE, parts[1], Double.parseDouble(parts[2]),
                        "allowed", null, Instant.now()));
            } else if (!text.isBlank()) {
                last = text;
            }
        }

        @Override
        public synchronized Updates drain() {
            if (fresh.isEmpty() && usage.isEmpty()) {
                return Updates.NONE;
            }
            Updates updates = new Updates(fresh, null, usage);
            fresh.clear();
            usage.clear();
            return updates;
        }

        @Override
        public synchronized ParsedResult finish(int exitCode) {
            return new ParsedResult(null, last, List.of(), 100L * index, 10L * index, 0.0125, index, null, false,
                    null, false, null, List.of());
        }
    }
}
