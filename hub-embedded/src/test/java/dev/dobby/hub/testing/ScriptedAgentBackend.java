package dev.dobby.hub.testing;

import dev.dobby.agent.runner.AgentBackend;
import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.runner.ParsedResult;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.FlowStep;
import dev.dobby.protocol.UsageWindow;
import dev.dobby.protocol.work.AgentProgress;
import dev.dobby.protocol.work.Assignment;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for a structured agent in tests (it answers for {@code claude}): runs the task description as a shell script and
 * reads two kinds of lines the script prints, the way a real backend's parser reads its agent's JSON stream:
 *
 * <pre>
 * STEP kind|duration_ms|tokens_in|tokens_out|title|detail
 * USAGE account|window|utilization (empty: unknown)|status
 * </pre>
 */
public final class ScriptedAgentBackend implements AgentBackend {

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
        return new StepParser();
    }

    static final class StepParser implements OutputParser {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();
        private final List<FlowStep> pending = new ArrayList<>();
        private final List<UsageWindow> usage = new ArrayList<>();
        private final Map<String, Integer> tools = new LinkedHashMap<>();
        private final List<String> edited = new ArrayList<>();
        private AgentProgress progress;
        private int steps;
        private long tokensIn;
        private long tokensOut;
        private String last = "";

        @Override
        public synchronized void accept(OutputLine line) {
            String text = line.text();
            if (text.startsWith("STEP ")) {
                step(text.substring(5).split("\\|", -1), line.at());
            } else if (text.startsWith("USAGE ")) {
                String[] f = text.substring(6).split("\\|", -1);
                Double utilization = f[2].isEmpty() ? null : Double.parseDouble(f[2]);
                usage.add(new UsageWindow(f[0], Backend.CLAUDE, f[1], utilization, f[3],
                        line.at().plusSeconds(3600), line.at()));
            } else if (text.startsWith("{") && text.contains("\"type\":\"result\"")) {
                last = recordedResult(text);
            } else if (!text.isBlank()) {
                last = text;
            }
        }

        /** A recorded Claude Code stream printed by a test ends the way the real parser ends it: with its result text. */
        private String recordedResult(String json) {
            try {
                return JSON.readTree(json).path("result").asText(json);
            } catch (java.io.IOException e) {
                return json;
            }
        }

        private void step(String[] f, Instant at) {
            FlowStep.Kind kind = FlowStep.Kind.fromWire(f[0]);
            long in = Long.parseLong(f[2]);
            long out = Long.parseLong(f[3]);
            tokensIn += in;
            tokensOut += out;
            String title = f[4];
            String tool = kind == FlowStep.Kind.TOOL_CALL || kind == FlowStep.Kind.COMMAND ? title.split(":")[0] : null;
            String file = kind == FlowStep.Kind.FILE_EDIT || kind == FlowStep.Kind.FILE_READ ? title.substring(title.indexOf(' ') + 1) : null;
            if (tool != null) {
                tools.merge(tool, 1, Integer::sum);
            }
            if (kind == FlowStep.Kind.FILE_EDIT) {
                edited.add(file);
            }
            pending.add(new FlowStep(0, 0, steps++, kind, at, title, f.length > 5 ? f[5] : null,
                    f[1].isEmpty() ? null : Long.parseLong(f[1]), tool, file, tokensIn, tokensOut,
                    kind == FlowStep.Kind.ERROR));
            progress = new AgentProgress(title, List.of(), edited, tools, tokensIn, tokensOut, tokensOut * 0.00001,
                    "scripted", "session-1");
        }

        @Override
        public synchronized Updates drain() {
            if (pending.isEmpty() && progress == null && usage.isEmpty()) {
                return Updates.NONE;
            }
            Updates updates = new Updates(pending, progress, usage);
            pending.clear();
            usage.clear();
            progress = null;
            return updates;
        }

        @Override
        public synchronized ParsedResult finish(int exitCode) {
            return new ParsedResult(null, last, edited, tokensIn, tokensOut, tokensOut * 0.00001, steps, "session-1",
                    false, null, false, null, List.of());
        }
    }
}
