package dev.dobby.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.runner.ParsedResult;
import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.runner.claude.ClaudeStreamParser;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.OutputLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * How fast {@link ClaudeStreamParser} reads Claude Code's stream-json, in MB/s (10^6 bytes of UTF-8 JSON lines,
 * newlines included) on one thread.
 *
 * <p>The input is one long session built in memory around the real init and result lines of a capture from
 * Claude Code 2.1.330: {@code --turns} rounds of a text message, a Read with an ~8 KB file in its result, an Edit,
 * a Bash call with ~1.5 KB of output and, every tenth round, a {@code rate_limit_event} — the mix of a real coding
 * session. Each session is parsed by a fresh parser, draining updates every 50 lines as the log shipper does.
 * After a warm-up, sessions are replayed until {@code --seconds} have passed.
 *
 * <pre>java ... dev.dobby.bench.ParserThroughput [--turns N] [--seconds S] [--warmup S]</pre>
 */
public final class ParserThroughput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "be8cc6e4-19b7-4c97-bbe1-0af19612662b";
    private static final String MODEL = "claude-opus-5-5";

    private ParserThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int turns = intArg(args, "--turns", 200);
        double seconds = doubleArg(args, "--seconds", 10);
        double warmup = doubleArg(args, "--warmup", 5);

        List<OutputLine> session = session(turns);
        long bytes = session.stream().mapToLong(l -> l.text().getBytes(StandardCharsets.UTF_8).length + 1L).sum();
        System.out.printf(Locale.ROOT, "session: %d lines, %.2f MB (%d turns)%n", session.size(), bytes / 1e6, turns);
        check(session);

        run(session, warmup);
        Measurement m = run(session, seconds);
        double mb = m.sessions * (double) bytes / 1e6;
        System.out.printf(Locale.ROOT, "parsed %d sessions, %.1f MB in %.2f s: %.1f MB/s, %.0f lines/s%n",
                m.sessions, mb, m.seconds, mb / m.seconds, m.sessions * (double) session.size() / m.seconds);
        System.out.printf(Locale.ROOT, "java %s on %s, %d cpus%n", System.getProperty("java.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
    }

    private record Measurement(long sessions, double seconds) {
    }

    private static Measurement run(List<OutputLine> session, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long sessions = 0;
        long sink = 0;
        do {
            sink += parse(session).steps();
            sessions++;
        } while (System.nanoTime() < deadline);
        double took = (System.nanoTime() - start) / 1e9;
        if (sink == 42) {
            System.out.println();
        }
        return new Measurement(sessions, took);
    }

    private record Parsed(ParsedResult result, long steps) {
    }

    private static Parsed parse(List<OutputLine> session) {
        OutputParser parser = new ClaudeStreamParser(1, 1, Path.of("/home/dev/repo"), PriceTable.EMPTY);
        long steps = 0;
        int n = 0;
        for (OutputLine line : session) {
            parser.accept(line);
            if (++n % 50 == 0) {
                steps += parser.drain().steps().size();
            }
        }
        steps += parser.drain().steps().size();
        return new Parsed(parser.finish(0), steps);
    }

    /** Refuse to measure a parser that does not understand the input. */
    private static void check(List<OutputLine> session) {
        Parsed parsed = parse(session);
        if (parsed.result().status() != TaskStatus.COMPLETED || parsed.result().incomplete()
                || parsed.steps() < session.size() / 2) {
            throw new IllegalStateException("the parser did not read the session: " + parsed.result());
        }
    }

    static List<OutputLine> session(int turns) throws IOException {
        List<String> capture;
        try (InputStream in = ParserThroughput.class.getResourceAsStream("/claude-stream-sample-2.1.330.jsonl")) {
            capture = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> lines = new ArrayList<>();
        lines.add(capture.get(0));
        String file = sourceFile();
        String bashOutput = "ok\n".repeat(20)
                + "[INFO] Tests run: 412, Failures: 0, Errors: 0, Skipped: 3\n".repeat(20);
        for (int t = 0; t < turns; t++) {
            String msg = "msg_" + t;
            lines.add(assistant(msg, text("Next I will look at src/main/java/app/Service" + t
                    + ".java and fix the null handling in the request path, then run the tests again.")));
            String read = "toolu_read_" + t;
            lines.add(assistant(msg, toolUse(read, "Read", JSON.createObjectNode()
                    .put("file_path", "/home/dev/repo/src/main/java/app/Service" + t + ".java"))));
            lines.add(toolResult(read, file, false));
            String edit = "toolu_edit_" + t;
            lines.add(assistant("msg_e" + t, toolUse(edit, "Edit", JSON.createObjectNode()
                    .put("file_path", "/home/dev/repo/src/main/java/app/Service" + t + ".java")
                    .put("old_string", "        if (request == null) {\n            return null;\n        }\n"
                            .repeat(3))
                    .put("new_string", "        Objects.requireNonNull(request, \"request\");\n".repeat(3)))));
            lines.add(toolResult(edit, "The file /home/dev/repo/src/main/java/app/Service" + t
                    + ".java has been updated.", false));
            String bash = "toolu_bash_" + t;
            lines.add(assistant("msg_b" + t, toolUse(bash, "Bash", JSON.createObjectNode()
                    .put("command", "./mvnw -q test -pl app").put("description", "Run the app tests"))));
            lines.add(toolResult(bash, bashOutput, t % 7 == 3));
            if (t % 10 == 0) {
                lines.add("{\"type\":\"rate_limit_event\",\"rate_limit_info\":{\"status\":\"allowed\",\"resetsAt\":"
                        + "1795491510,\"rateLimitType\":\"five_hour\",\"utilization\":0.4,\"isUsingOverage\":false,"
                        + "\"unifiedWindows\":{\"five_hour\":{\"utilization\":0.4,\"resetsAt\":1795491510},"
                        + "\"seven_day\":{\"utilization\":0.2,\"resetsAt\":1795826310}}},\"uuid\":\""
                        + UUID.randomUUID() + "\",\"session_id\":\"" + SESSION + "\"}");
            }
        }
        lines.add(capture.get(capture.size() - 1));
        Instant at = Instant.parse("2026-11-24T00:38:28Z");
        return lines.stream().map(l -> new OutputLine(OutputLine.STDOUT, at, l)).toList();
    }

    private static String assistant(String messageId, ObjectNode block) {
        ObjectNode line = JSON.createObjectNode().put("type", "assistant");
        ObjectNode message = line.putObject("message").put("id", messageId).put("type", "message")
                .put("role", "assistant").put("model", MODEL);
        message.putArray("content").add(block);
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 120).put("cache_creation_input_tokens", 2048)
                .put("cache_read_input_tokens", 30_000).put("output_tokens", 1);
        message.putNull("context_management");
        line.putNull("parent_tool_use_id");
        line.put("session_id", SESSION).put("uuid", UUID.randomUUID().toString())
                .put("timestamp", "2026-11-24T00:38:28.055Z").put("request_id", "req_" + messageId);
        return line.toString();
    }

    private static ObjectNode text(String text) {
        return JSON.createObjectNode().put("type", "text").put("text", text);
    }

    private static ObjectNode toolUse(String id, String name, ObjectNode input) {
        ObjectNode block = JSON.createObjectNode().put("type", "tool_use").put("id", id).put("name", name);
        block.set("input", input);
        return block;
    }

    private static String toolResult(String toolUseId, String content, boolean error) {
        ObjectNode line = JSON.createObjectNode().put("type", "user");
        ArrayNode blocks = line.putObject("message").put("role", "user").putArray("content");
        blocks.addObject().put("tool_use_id", toolUseId).put("type", "tool_result").put("content", content)
                .put("is_error", error);
        line.putNull("parent_tool_use_id");
        line.put("session_id", SESSION).put("uuid", UUID.randomUUID().toString())
                .put("timestamp", "2026-11-24T00:38:28.128Z");
        return line.toString();
    }

    /** About 8 KB of numbered Java source, as Claude Code's Read returns it. */
    private static String sourceFile() {
        StringBuilder file = new StringBuilder();
        String[] body = {
                "package app;", "", "import java.util.Objects;", "", "/** Handles one kind of request. */",
                "public final class Service {", "    private final Repository repository;", "",
                "    public Response handle(Request request) {", "        if (request == null) {",
                "            return null;", "        }", "        var item = repository.find(request.id());",
                "        return new Response(item.name(), item.price() * request.quantity());", "    }", "}"};
        for (int i = 0; file.length() < 8000; i++) {
            file.append(String.format(Locale.ROOT, "%6d\t%s%n", i + 1, body[i % body.length]));
        }
        return file.toString();
    }

    private static int intArg(String[] args, String name, int fallback) {
        return (int) doubleArg(args, name, fallback);
    }

    private static double doubleArg(String[] args, String name, double fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Double.parseDouble(args[i + 1]);
            }
        }
        return fallback;
    }
}
