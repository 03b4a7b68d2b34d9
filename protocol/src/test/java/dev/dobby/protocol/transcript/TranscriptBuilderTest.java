package dev.dobby.protocol.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.LogLine;
import dev.dobby.protocol.transcript.TranscriptEntry.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TranscriptBuilderTest {
    private static final Instant T0 = Instant.parse("2026-12-02T04:00:00Z");

    static List<LogLine> fixture(String name) {
        try (InputStream in = Objects.requireNonNull(
                TranscriptBuilderTest.class.getResourceAsStream("/fixtures/agents/" + name), name)) {
            List<LogLine> lines = new ArrayList<>();
            long seq = 0;
            for (String text : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                seq++;
                lines.add(new LogLine(seq, 7, 1, "stdout", T0.plusSeconds(seq), text));
            }
            return lines;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<TranscriptEntry> read(String name) {
        TranscriptBuilder builder = new TranscriptBuilder();
        builder.acceptAll(fixture(name));
        return builder.entries();
    }

    static List<String> titles(List<TranscriptEntry> entries) {
        return entries.stream().map(e -> e.kind().wire() + ": " + e.title()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-stream-sample-2.1.197.jsonl", "claude-stream-sample-2.1.330.jsonl"})
    void aClaudeSessionReadsAsMessagesAToolCallAndItsOutcome(String name) {
        List<TranscriptEntry> entries = read(name);
        assertThat(titles(entries)).containsExactly(
                "session: Session started · " + (name.contains("330") ? "claude-opus-5-5" : "claude-opus-4-8[1m]"),
                "message: I'll create hello.txt.",
                "tool: Write hello.txt",
                "message: Done: hello.txt now contains \"Hello, world!\".",
                "result: Completed");
        TranscriptEntry write = entries.get(2);
        assertThat(write.output()).startsWith("File created successfully at: /home/dev/repo/hello.txt");
        assertThat(write.meta()).matches("1 line · \\d+ B");
        assertThat(write.text()).contains("\"content\" : \"Hello, world!\\n\"");
        assertThat(write.open()).isFalse();
        assertThat(write.error()).isFalse();
        TranscriptEntry result = entries.getLast();
        assertThat(result.text()).isEqualTo("Done: hello.txt now contains \"Hello, world!\".");
        assertThat(result.meta()).isEqualTo(name.contains("330")
                ? "$0.0020 · 240 in · 50 out tokens · 0.3 s · 2 turns"
                : "$0.0025 · 240 in · 50 out tokens · 0.3 s · 2 turns");
        assertThat(result.error()).isFalse();
        assertThat(entries).extracting(TranscriptEntry::index).containsExactly(0, 1, 2, 3, 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-stream-sample-api-error-2.1.197.jsonl",
            "claude-stream-sample-api-error-2.1.330.jsonl"})
    void anApiErrorIsHighlightedAndTheOutcomeIsAFailureDespiteItsSubtype(String name) {
        List<TranscriptEntry> entries = read(name);
        assertThat(titles(entries)).containsExactly(
                entries.getFirst().kind().wire() + ": " + entries.getFirst().title(),
                "error: API retry 1/1 (500 server_error)",
                "error: API Error: 500 fake error500. This is a server-side issue, usually temporary — try again in "
                        + "a moment. If it persists, check your inference gateway (127.0.0.1:8770).",
                "result: Failed");
        assertThat(entries.subList(1, 4)).allMatch(TranscriptEntry::error);
        assertThat(entries.getLast().meta()).endsWith("1 turn · API status 500").startsWith("$0.0000 · 0 in · 0 out");
    }

    @Test
    void anExhaustedSubscriptionShowsTheLimitAndWhenItResets() {
        List<TranscriptEntry> entries = read("claude-stream-sample-oauth-limit-rejected-2.1.197.jsonl");
        assertThat(titles(entries)).containsExactly(
                "session: Session started · claude-sonnet-5",
                "limit: Usage limit reached: 5-hour window, resets 2026-12-02 04:16 UTC",
                "limit: You've hit your session limit · resets 4:16am (UTC)",
                "result: Failed");
        assertThat(entries.subList(1, 4)).allMatch(TranscriptEntry::error);
        assertThat(entries.getLast().text()).isEqualTo("You've hit your session limit · resets 4:16am (UTC)");
        assertThat(entries.getLast().meta()).contains("API status 429");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-stream-sample-oauth-ratelimit-2.1.197.jsonl",
            "claude-stream-sample-oauth-ratelimit-2.1.330.jsonl"})
    void aUsageWarningIsANoticeNotAnError(String name) {
        List<TranscriptEntry> entries = read(name);
        assertThat(titles(entries)).containsExactly(
                entries.getFirst().kind().wire() + ": " + entries.getFirst().title(),
                "message: Running a command.",
                "tool: Bash: echo hello-from-bash",
                entries.get(3).kind().wire() + ": " + entries.get(3).title(),
                "message: The command printed hello-from-bash.",
                "result: Completed");
        assertThat(entries.get(2).output()).isEqualTo("hello-from-bash");
        assertThat(entries.get(3).kind()).isEqualTo(Kind.LIMIT);
        assertThat(entries.get(3).title()).startsWith("91% of the 5-hour window used, resets 2026-");
        assertThat(entries.get(3).error()).isFalse();
    }

    @Test
    void aResumedSessionReadsLikeAnyOther() {
        List<TranscriptEntry> entries = read("claude-stream-sample-resumed-after-limit-2.1.197.jsonl");
        assertThat(titles(entries)).contains("tool: Write hello.txt", "result: Completed");
        assertThat(entries).filteredOn(e -> e.kind() == Kind.RAW).isEmpty();
    }

    @Test
    void aCodexSessionReadsAsThinkingMessagesAFileChangeAndACommand() {
        List<TranscriptEntry> entries = read("codex-exec-sample-0.169.0.jsonl");
        assertThat(titles(entries)).containsExactly(
                "session: Session started",
                "thinking: Thinking",
                "message: Adding hello.txt.",
                "tool: Create /home/dev/repo/hello.txt",
                "tool: Bash: cat hello.txt",
                "message: Done: hello.txt contains \"Hello, world!\".",
                "result: Completed");
        assertThat(entries.get(1).text()).contains("Planning the file");
        TranscriptEntry command = entries.get(4);
        assertThat(command.output()).isEqualTo("Hello, world!");
        assertThat(command.meta()).isEqualTo("exit 0 · 1 line · 14 B");
        assertThat(command.open()).isFalse();
        assertThat(entries.getLast().meta()).isEqualTo("3,000 in (600 cached) · 150 out tokens · 9.0 s");
        assertThat(entries.getLast().text()).isEqualTo("Done: hello.txt contains \"Hello, world!\".");
    }

    @Test
    void codexRetriesAreOneHighlightedEntryAndTheFailureEndsIt() {
        List<TranscriptEntry> entries = read("codex-exec-sample-error-0.169.0.jsonl");
        assertThat(titles(entries)).containsExactly(
                "session: Session started",
                "error: We’re currently experiencing high demand, which may cause temporary errors.",
                "result: Failed");
        assertThat(entries.get(1).text()).contains("Reconnecting... 1/5", "Reconnecting... 5/5");
        assertThat(entries.get(2).error()).isTrue();
        assertThat(entries.get(2).text()).isEqualTo("We’re currently experiencing high demand, which may cause "
                + "temporary errors.");
    }

    @Test
    void everyFixtureReadsWithoutRawEntries() {
        for (String name : List.of("claude-stream-sample-2.1.197.jsonl", "claude-stream-sample-2.1.330.jsonl",
                "claude-stream-sample-api-error-2.1.197.jsonl", "claude-stream-sample-api-error-2.1.330.jsonl",
                "claude-stream-sample-oauth-limit-rejected-2.1.197.jsonl",
                "claude-stream-sample-oauth-ratelimit-2.1.197.jsonl",
                "claude-stream-sample-oauth-ratelimit-2.1.330.jsonl",
                "claude-stream-sample-resumed-after-limit-2.1.197.jsonl", "codex-exec-sample-0.169.0.jsonl",
                "codex-exec-sample-error-0.169.0.jsonl")) {
            List<TranscriptEntry> entries = read(name);
            assertThat(entries).as(name).isNotEmpty().noneMatch(e -> e.kind() == Kind.RAW).noneMatch(TranscriptEntry::open);
            assertThat(entries.getLast().kind()).as(name).isEqualTo(Kind.RESULT);
        }
    }

    @Test
    void garbageAndPlainTextBecomeRawEntriesInOrder() {
        TranscriptBuilder builder = new TranscriptBuilder();
        List<LogLine> lines = new ArrayList<>(fixture("claude-stream-sample-2.1.330.jsonl").subList(0, 2));
        String[] odd = {"{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"tex",
                "plain text from a wrapper script", "{\"type\":\"assistant\",\"message\":{\"content\":\"oops\"}}",
                "[1, 2, 3]", "{\"type\":\"something_new\",\"x\":1}", "{\"no_type\":true}", "\u0000\u0001garbage",
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":7}]}}"};
        for (int i = 0; i < odd.length; i++) {
            lines.add(new LogLine(100 + i, 7, 1, "stdout", T0, odd[i]));
        }
        lines.add(new LogLine(200, 7, 1, "stderr", T0, "warning: something on stderr"));
        builder.acceptAll(lines);
        List<TranscriptEntry> entries = builder.entries();
        assertThat(entries).extracting(TranscriptEntry::kind).containsExactly(Kind.SESSION, Kind.MESSAGE, Kind.RAW,
                Kind.RAW, Kind.RAW, Kind.RAW, Kind.RAW, Kind.RAW, Kind.RAW, Kind.RAW);
        assertThat(entries.get(2).text()).startsWith("{\"type\":\"assistant\"");
        assertThat(entries.get(3).text()).isEqualTo("plain text from a wrapper script");
        assertThat(entries.getLast().text()).isEqualTo("warning: something on stderr");
        assertThat(entries.getLast().meta()).isEqualTo("stderr");
        assertThat(TranscriptBuilder.latestStep(entries)).isEqualTo("warning: something on stderr");
    }

    @Test
    void aToolCallStaysOpenUntilItsResultAndTheOpenIndexFollowsIt() {
        List<LogLine> lines = fixture("claude-stream-sample-2.1.330.jsonl");
        TranscriptBuilder builder = new TranscriptBuilder();
        builder.acceptAll(lines.subList(0, 3));
        assertThat(builder.openFrom()).isEqualTo(2);
        assertThat(builder.entry(2).open()).isTrue();
        assertThat(TranscriptBuilder.latestStep(builder.entries())).isEqualTo("Write hello.txt");
        Transcript tail = builder.transcript(7, builder.openFrom());
        assertThat(tail.from()).isEqualTo(2);
        assertThat(tail.entries()).hasSize(1);
        builder.accept(lines.get(3));
        assertThat(builder.openFrom()).isEqualTo(3);
        assertThat(builder.entry(2).output()).startsWith("File created");
        assertThat(builder.lastSeq()).isEqualTo(4);
    }

    @Test
    void aSecondAttemptIsMarkedAndAToolCallThatNeverReturnedIsClosed() {
        List<LogLine> first = fixture("claude-stream-sample-2.1.330.jsonl").subList(0, 3);
        TranscriptBuilder builder = new TranscriptBuilder();
        builder.acceptAll(first);
        for (LogLine line : fixture("codex-exec-sample-0.169.0.jsonl")) {
            builder.accept(new LogLine(line.seq() + 10, 7, 2, line.stream(), line.at(), line.text()));
        }
        List<TranscriptEntry> entries = builder.entries();
        assertThat(entries.get(2).open()).isFalse();
        assertThat(entries.get(2).meta()).isEqualTo("no result: the attempt ended");
        assertThat(entries.get(3).title()).isEqualTo("Attempt 2");
        assertThat(entries.get(4).attempt()).isEqualTo(2);
        assertThat(builder.openFrom()).isEqualTo(entries.size());
    }

    @Test
    void aPermissionDenialMarksTheDeniedCall() {
        String toolUse = "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
                + "\"name\":\"Bash\",\"input\":{\"command\":\"rm -rf build\"}}]}}";
        String denied = "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":"
                + "\"t1\",\"is_error\":true,\"content\":\"Claude requested permissions to use Bash, but you haven't "
                + "granted it yet.\"}]}}";
        String result = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"I could not "
                + "run it.\",\"permission_denials\":[{\"tool_name\":\"Bash\",\"tool_use_id\":\"t1\",\"tool_input\":"
                + "{\"command\":\"rm -rf build\"}},{\"tool_name\":\"Write\",\"tool_use_id\":\"t9\",\"tool_input\":"
                + "{\"file_path\":\"/etc/passwd\"}}]}";
        TranscriptBuilder builder = new TranscriptBuilder();
        builder.acceptAll(List.of(new LogLine(1, 7, 1, "stdout", T0, toolUse), new LogLine(2, 7, 1, "stdout", T0, denied),
                new LogLine(3, 7, 1, "stdout", T0, result)));
        List<TranscriptEntry> entries = builder.entries();
        assertThat(titles(entries)).containsExactly("tool: Bash: rm -rf build — permission denied",
                "error: Permission denied: Write /etc/passwd", "result: Completed");
        assertThat(entries.get(0).error()).isTrue();
        assertThat(entries.get(0).output()).startsWith("Claude requested permissions");
        assertThat(entries.get(1).error()).isTrue();
    }

    @Test
    void aLongToolResultIsClippedAndItsSizeTold() {
        String toolUse = "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
                + "\"name\":\"Read\",\"input\":{\"file_path\":\"/r/src/App.java\"}}]}}";
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            big.append("line ").append(i).append("\\n");
        }
        String back = "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"" + big + "\"}]}]}}";
        TranscriptBuilder builder = new TranscriptBuilder();
        builder.acceptAll(List.of(new LogLine(1, 7, 1, "stdout", T0, toolUse), new LogLine(2, 7, 1, "stdout", T0, back)));
        TranscriptEntry read = builder.entry(0);
        assertThat(read.title()).isEqualTo("Read /r/src/App.java");
        assertThat(read.output()).hasSize(TranscriptBuilder.OUTPUT_CHARS).startsWith("line 0\nline 1\n").endsWith("…");
        assertThat(read.meta()).isEqualTo("2,000 lines · 18.4 KB");
    }

    @Test
    void aResultsSizeCountsLinesAsTheyReadAndBytesAsTheyAreSent() {
        assertThat(TranscriptBuilder.folded("one\ntwo\n\n")[1]).isEqualTo("2 lines · 9 B");
        assertThat(TranscriptBuilder.folded("one\r\ntwo\rthree")[1]).isEqualTo("3 lines · 14 B");
        assertThat(TranscriptBuilder.folded("é")[1]).isEqualTo("1 line · 2 B");
        assertThat(TranscriptBuilder.folded("x".repeat(1536))[1]).isEqualTo("1 line · 1.5 KB");
        assertThat(TranscriptBuilder.folded("x\n".repeat(1234) + "y".repeat(3 * 1024 * 1024))[1])
                .isEqualTo("1,235 lines · 3.0 MB");
        assertThat(TranscriptBuilder.folded("")[1]).isEqualTo("no output");
    }

    @Test
    void aToolsTitleIsTheFirstLineThatSaysSomething() {
        assertThat(ToolSummary.firstLine("\n  \r\n\tnpm test  \nnpm run lint")).isEqualTo("npm test");
        assertThat(ToolSummary.firstLine("a\u2028b")).isEqualTo("a");
        assertThat(ToolSummary.firstLine(" \n ")).isEmpty();
        assertThat(ToolSummary.firstLine(null)).isEmpty();
    }

    @Test
    void aLongHistoryReadAtOnceGivesTheSameTranscriptAsLineByLine() {
        List<String> names = List.of("claude-stream-sample-2.1.330.jsonl", "codex-exec-sample-0.169.0.jsonl",
                "claude-stream-sample-oauth-ratelimit-2.1.197.jsonl", "codex-exec-sample-error-0.169.0.jsonl",
                "claude-stream-sample-api-error-2.1.330.jsonl");
        List<LogLine> history = new ArrayList<>();
        long seq = 0;
        for (int round = 0; history.size() < 1500; round++) {
            int attempt = 1 + round / 40;
            for (LogLine line : fixture(names.get(round % names.size()))) {
                seq++;
                history.add(new LogLine(seq, 7, attempt, "stdout", line.at(), line.text()));
            }
            history.add(new LogLine(++seq, 7, attempt, "stderr", T0, "{\"type\":\"result\"} on stderr stays raw"));
            history.add(new LogLine(++seq, 7, attempt, "stdout", T0, "  "));
            history.add(new LogLine(++seq, 7, attempt, "stdout", T0, "{\"type\":\"assistant\",\"message\":{"));
            history.add(new LogLine(seq, 7, attempt, "stdout", T0, "a line sent twice is read once"));
        }
        TranscriptBuilder atOnce = new TranscriptBuilder();
        atOnce.acceptAll(history);
        TranscriptBuilder oneByOne = new TranscriptBuilder();
        history.forEach(oneByOne::accept);

        assertThat(atOnce.entries()).hasSizeGreaterThan(800).isEqualTo(oneByOne.entries());
        assertThat(atOnce.entries()).extracting(TranscriptEntry::kind).contains(Kind.ATTEMPT, Kind.TOOL, Kind.RESULT);
        assertThat(atOnce.entries()).noneMatch(e -> "a line sent twice is read once".equals(e.text()));
        assertThat(atOnce.lastSeq()).isEqualTo(seq);
    }
}
